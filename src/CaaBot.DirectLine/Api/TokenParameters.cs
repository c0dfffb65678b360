using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Api;

/// <summary>The optional body of token generate and conversation start: <c>{"user":{"id","name"}}</c>. Only a secret holder's user is believed.</summary>
public sealed record TokenParameters(ChannelAccount? User);
