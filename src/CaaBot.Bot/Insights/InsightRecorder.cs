using CaaBot.Bot.Cards;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Turns;
using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Insights;

/// <summary>
/// Records what happens to support cases for the insights. Facts seen during a turn are appended only once that turn
/// has committed and delivered (<see cref="TurnDelivery.OnDelivered"/>): an attempt re-run after a state conflict, or
/// rolled back by an error, records nothing, so nothing is counted twice. A failed append is logged by the turn
/// processor and does not fail the turn.
/// </summary>
public sealed class InsightRecorder(InsightStream stream, TimeProvider timeProvider)
{
    /// <summary>Triage finished for <paramref name="supportCase"/>: with <paramref name="playbookId"/>, or without a guide.</summary>
    public void CaseStarted(ITurnContext turnContext, SupportCase supportCase, string? playbookId, PlaybookPlatform? platform)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(supportCase);
        Record(turnContext, new CaseStartedInsight(Key(supportCase), Now, supportCase.ErrorCode, playbookId, turnContext.Activity.ChannelId ?? "unknown", platform ?? supportCase.Platform));
    }

    public void StepAnswered(ITurnContext turnContext, SupportCase supportCase, string playbookId, CaseStep answer)
    {
        ArgumentNullException.ThrowIfNull(supportCase);
        ArgumentNullException.ThrowIfNull(answer);
        Record(turnContext, new StepAnsweredInsight(Key(supportCase), Now, playbookId, answer.StepId, answer.Title, answer.Outcome));
    }

    /// <summary>The fix of <paramref name="fixedCase"/> was confirmed (its guide is on the step that fixed it).</summary>
    public void CaseFixed(ITurnContext turnContext, SupportCase fixedCase)
    {
        ArgumentNullException.ThrowIfNull(fixedCase);
        if (fixedCase.Guide is not { CurrentStepId: { } stepId } guide)
        {
            return;
        }

        var now = Now;
        Record(turnContext, new CaseFixedInsight(Key(fixedCase), now, guide.PlaybookId, stepId, fixedCase.FixedByStepTitle ?? stepId, now - fixedCase.StartedAt));
    }

    public void CaseEscalated(ITurnContext turnContext, SupportCase supportCase, EscalationReason reason)
    {
        ArgumentNullException.ThrowIfNull(supportCase);
        Record(turnContext, new CaseEscalatedInsight(Key(supportCase), Now, supportCase.Guide?.PlaybookId, supportCase.ErrorCode, reason));
    }

    public void CaseRated(ITurnContext turnContext, SupportCase supportCase, int stars)
    {
        ArgumentNullException.ThrowIfNull(supportCase);
        ArgumentOutOfRangeException.ThrowIfLessThan(stars, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stars, 5);
        Record(turnContext, new CaseRatedInsight(Key(supportCase), Now, stars));
    }

    /// <summary>
    /// For the live hand-off, which acts outside a bot turn: an agent took the case whose ticket request id is
    /// <paramref name="caseId"/> (<c>TicketRequest.RequestId</c>). Call it after the take is stored.
    /// </summary>
    public Task HandedToAgentAsync(string caseId, CancellationToken cancellationToken) =>
        stream.AppendAsync(new HandedToAgentInsight(InsightCaseKey.For(caseId), Now), cancellationToken);

    /// <summary>For the live hand-off: the agent closed the case <paramref name="caseId"/>. Call it after the close is stored.</summary>
    public Task AgentClosedAsync(string caseId, CancellationToken cancellationToken) =>
        stream.AppendAsync(new AgentClosedInsight(InsightCaseKey.For(caseId), Now), cancellationToken);

    /// <summary>Appends <paramref name="insight"/> once the current turn has committed; never if it does not.</summary>
    public void Record(ITurnContext turnContext, InsightEvent insight)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(insight);
        turnContext.TurnState.GetRequired<TurnDelivery>().OnDelivered((_, cancellationToken) => stream.AppendAsync(insight, cancellationToken));
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();

    private static string Key(SupportCase supportCase) => InsightCaseKey.For(supportCase.Id);
}
