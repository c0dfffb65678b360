using System.Globalization;
using System.Text.Json;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.FollowUps;

/// <summary>
/// "Did the fix hold?": after a confirmed fix, the next working day at the usual hour in the user's time zone, the
/// bot asks in the same conversation. "Still working" closes the case for good; "broken again" reopens it at the
/// step after the one that seemed to fix it, or goes to the helpdesk when no steps are left.
/// </summary>
public sealed class FixFollowUps(TurnScheduler scheduler, FollowUpOptions options, TimeProvider timeProvider)
{
    /// <summary>Name of the scheduled event that asks the question.</summary>
    public const string EventName = "caabot/fixFollowUp";

    public const string HeldMessage = "Great, glad it held. If it ever comes back, just message me.";
    public const string BrokeAgainMessage = "Sorry it's back. Let's carry on with the next step.";
    public const string StaleMessage = "That check was about an earlier problem, so there's nothing more to do with it. If something is wrong now, just tell me.";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Schedules the check for <paramref name="fixedCase"/>; it is stored once the turn has been committed and
    /// delivered (a turn that is rolled back schedules nothing), under an id derived from the case (never twice).
    /// </summary>
    public void ScheduleAfterFix(ITurnContext turnContext, SupportCase fixedCase)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(fixedCase);
        if (!options.Enabled)
        {
            return;
        }

        var activity = turnContext.Activity;
        var fallback = TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone, out var configured) ? configured : TimeZoneInfo.Utc;
        var zone = WorkingDayClock.ZoneOf(activity.LocalTimezone, activity.LocalTimestamp, fallback);
        var dueAt = WorkingDayClock.NextWorkingDayAt(timeProvider.GetUtcNow(), zone, options.AtLocalTime, options.EffectiveWorkingDays);
        var turn = new ScheduledTurn(
            IdFor(fixedCase.Id),
            dueAt,
            activity.GetConversationReference(),
            EventName,
            JsonSerializer.SerializeToElement(new FollowUpValue(fixedCase.Id), JsonOptions));
        turnContext.TurnState.GetRequired<TurnDelivery>().OnDelivered((_, cancellationToken) => scheduler.ScheduleAsync(turn, cancellationToken));
    }

    /// <summary>The scheduled turn: asks, unless the user has moved on (a newer case, or the check already answered).</summary>
    public async Task AskAsync(ITurnContext turnContext, ScheduledTurn scheduled, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(scheduled);
        var caseId = scheduled.ValueAs<FollowUpValue>(JsonOptions)?.CaseId;
        if (AwaitingCheck(turnContext, caseId) is not { } fixedCase)
        {
            return;
        }

        var card = SupportCards.FixFollowUp(new FixFollowUpData(
            fixedCase.Id,
            fixedCase.PlaybookTitle ?? fixedCase.ErrorCode ?? "your Teams sign-in",
            fixedCase.FixedByStepTitle ?? "the last step"));
        await turnContext.SendActivityAsync(MessageFactory.AdaptiveCard(card), cancellationToken);
    }

    /// <summary>True for a click on the check's card.</summary>
    public static bool IsAnswer(Activity message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.IsCardSubmit()
            && message.Value is { } value
            && value.TryGetProperty("action", out var action)
            && action.GetString() is SupportCardActions.FixHeld or SupportCardActions.FixBroke;
    }

    /// <summary>
    /// Records the answer on the case. Returns the case as reopened when the fix did not hold, null otherwise (held,
    /// or a stale click, both already answered here).
    /// </summary>
    public async Task<SupportCase?> RecordAnswerAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var submit = turnContext.Activity.Value!.Value.Deserialize<SupportCardSubmit>(JsonOptions);
        if (AwaitingCheck(turnContext, submit?.CaseId) is not { } fixedCase)
        {
            await turnContext.SendActivityAsync(StaleMessage, cancellationToken);
            return null;
        }

        var held = submit!.Action == SupportCardActions.FixHeld;
        await Dialogs.GuidedFixDialog.ReplaceClickedCardAsync(turnContext, SupportCards.FixFollowUpAnswered(held), cancellationToken);
        if (held)
        {
            SupportCases.Set(turnContext, fixedCase with { FixHeld = true }, timeProvider);
            await turnContext.SendActivityAsync(HeldMessage, cancellationToken);
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var reopened = fixedCase with
        {
            FixHeld = false,
            Status = CaseStatus.Guiding,
            Guide = fixedCase.Guide is { } guide ? guide with { Index = guide.Index + 1 } : null,
        };
        if (fixedCase.Guide?.CurrentStepId is { } stepId)
        {
            reopened = reopened.WithStep(new CaseStep(stepId, fixedCase.FixedByStepTitle ?? stepId, StepOutcome.StillBroken, now));
        }

        reopened = reopened.WithFinding(string.Create(
            CultureInfo.InvariantCulture,
            $"The fix held from {fixedCase.FixedAt:d MMM yyyy HH:mm} UTC until the next-day check ({now:d MMM yyyy HH:mm} UTC), then the problem came back."));
        SupportCases.Set(turnContext, reopened, timeProvider);
        return reopened;
    }

    internal static string IdFor(string caseId) => "followup/" + caseId;

    private static SupportCase? AwaitingCheck(ITurnContext turnContext, string? caseId) =>
        SupportCases.Get(turnContext) is { Status: CaseStatus.Closed, FixedAt: not null, FixHeld: null } fixedCase
        && caseId is not null
        && string.Equals(fixedCase.Id, caseId, StringComparison.Ordinal)
            ? fixedCase
            : null;

    private sealed record FollowUpValue(string CaseId);
}
