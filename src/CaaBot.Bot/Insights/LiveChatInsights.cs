using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Bot.Insights;

/// <summary>Counts the live hand-off in the insights: a case taken by an agent, and closed by one.</summary>
public sealed class LiveChatInsights(InsightRecorder recorder) : IHandoffObserver
{
    public Task OnChangedAsync(HandoffChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change switch
        {
            { Kind: HandoffChangeKind.Taken } => recorder.HandedToAgentAsync(change.Session.Request.RequestId, cancellationToken),
            { Kind: HandoffChangeKind.Ended, Session: { End: HandoffEnd.Closed, Agent: not null } } => recorder.AgentClosedAsync(change.Session.Request.RequestId, cancellationToken),
            _ => Task.CompletedTask,
        };
    }
}
