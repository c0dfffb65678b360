namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>Who is who in the running Playground (from <c>GET /_internal/v1/config</c>).</summary>
/// <param name="PersonalConversationId">The 1:1 chat between the simulated user and the bot (a new GUID per Playground start).</param>
/// <param name="UserId">The simulated signed-in user, "user-id-0" by default.</param>
/// <param name="BotId">The id the bot's messages carry in <c>from.id</c>.</param>
public sealed record PlaygroundSession(string PersonalConversationId, string UserId, string BotId);
