using CaaBot.Conversations.Testing.Time;
using CaaBot.Conversations.Turns;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Testing;

/// <summary>How a <see cref="TestAdapter"/> is wired; every member has a sensible in-memory default.</summary>
public sealed record TestAdapterOptions
{
    /// <summary>Shared with another adapter to simulate two bot instances on one database.</summary>
    public IDocumentStore? Store { get; init; }

    public ManualTimeProvider? Clock { get; init; }

    public ILogger<TurnProcessor>? Logger { get; init; }

    public IReadOnlyList<IMiddleware> Middleware { get; init; } = [];

    public ITurnErrorHandler ErrorHandler { get; init; } = new TurnErrorHandler();

    public TurnProcessorOptions ProcessorOptions { get; init; } = new();

    public string ChannelId { get; init; } = "test";

    public string ConversationId { get; init; } = "conversation-1";

    public string UserId { get; init; } = "user-1";

    public string UserName { get; init; } = "User";

    /// <summary>The user's Microsoft Entra object id, as Teams sends it in <c>from.aadObjectId</c>; null for channels that don't know it.</summary>
    public string? UserAadObjectId { get; init; }

    public string BotId { get; init; } = "bot";

    public string BotName { get; init; } = "Bot";
}
