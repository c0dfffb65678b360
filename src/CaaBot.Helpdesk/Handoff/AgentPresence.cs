using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.Handoff;

/// <summary>
/// Which agents are around to chat, shared by every instance: the console reports each open page every few seconds,
/// agents in the Teams helpdesk channel say "available" and "away". One small document; entries expire on their own,
/// so a closed laptop does not leave an agent "present".
/// </summary>
public sealed class AgentPresence(IDocumentStore documents, TimeProvider timeProvider)
{
    public const string Key = "handoff/presence";

    private readonly IDocumentStore _documents = documents ?? throw new ArgumentNullException(nameof(documents));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));

    /// <summary>Marks <paramref name="agent"/> present until now + <paramref name="lasting"/>.</summary>
    public Task HereAsync(HandoffAgent agent, TimeSpan lasting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var now = _timeProvider.GetUtcNow();
        return _documents.UpdateAsync(
            Key,
            current => new AgentPresenceDocument(
            [
                .. (current?.Value.Agents ?? []).Where(entry => entry.Agent.Id != agent.Id && entry.Until > now),
                new PresentAgent(agent, now + lasting),
            ]),
            HandoffJsonContext.Default.AgentPresenceDocument,
            cancellationToken);
    }

    public async Task GoneAsync(string agentId, CancellationToken cancellationToken)
    {
        if (await _documents.ReadAsync(Key, HandoffJsonContext.Default.AgentPresenceDocument, cancellationToken) is not { } current
            || current.Value.Agents.All(entry => entry.Agent.Id != agentId))
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        await _documents.UpdateAsync(
            Key,
            latest => new AgentPresenceDocument([.. (latest?.Value.Agents ?? []).Where(entry => entry.Agent.Id != agentId && entry.Until > now)]),
            HandoffJsonContext.Default.AgentPresenceDocument,
            cancellationToken);
    }

    /// <summary>The agents present now.</summary>
    public async Task<IReadOnlyList<HandoffAgent>> PresentAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var current = await _documents.ReadAsync(Key, HandoffJsonContext.Default.AgentPresenceDocument, cancellationToken);
        return [.. (current?.Value.Agents ?? []).Where(entry => entry.Until > now).Select(entry => entry.Agent)];
    }
}

internal sealed record AgentPresenceDocument(IReadOnlyList<PresentAgent> Agents);

internal sealed record PresentAgent(HandoffAgent Agent, DateTimeOffset Until);
