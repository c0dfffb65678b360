using CaaBot.Bot.Cards;
using CaaBot.Bot.FollowUps;
using CaaBot.Bot.Guides;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;
using CaaBot.Knowledge.Codes;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// The whole support conversation: offer to resume an unfinished guide, triage, walk the guide, then either confirm
/// and rate the fix or escalate to the helpdesk. "agent" and "back" restart it with an intent (see
/// <see cref="SupportInterruptions"/>).
/// </summary>
public sealed class SupportDialog : WaterfallDialog<SupportState>
{
    public const string DialogId = "support";
    public const string FixedMessage = "Great, I'm glad you're back in! 🎉";
    public const string RatingThanks = "Thanks for the rating. If it happens again, just message me.";

    private readonly TriageDialog _triage;
    private readonly GuidedFixDialog _guide;
    private readonly EscalationDialog _escalation;
    private readonly PlaybookLibrary _library;
    private readonly TimeProvider _timeProvider;
    private readonly ConfirmPrompt _resumePrompt;
    private readonly SupportCardPrompt _ratingPrompt;
    private readonly FixFollowUps _followUps;
    private readonly InsightRecorder? _insights;

    public SupportDialog(TriageDialog triage, GuidedFixDialog guide, EscalationDialog escalation, PlaybookLibrary library, FixFollowUps followUps, TimeProvider timeProvider, InsightRecorder? insights = null)
        : base(DialogId, new SupportState(SupportIntent.Start))
    {
        _insights = insights;
        _triage = AddDialog(triage);
        _guide = AddDialog(guide);
        _escalation = AddDialog(escalation);
        _library = library;
        _followUps = followUps;
        _timeProvider = timeProvider;
        _resumePrompt = AddDialog(new ConfirmPrompt("support.resume"));
        _ratingPrompt = AddDialog(new SupportCardPrompt(
            "support.rating",
            [SupportCardActions.Rate],
            new Dictionary<string, string>(),
            maxAttempts: 1));
    }

    protected override IReadOnlyList<WaterfallStep<SupportState>> Steps =>
    [
        OfferResumeStepAsync,
        TriageStepAsync,
        GuideStepAsync,
        FollowUpStepAsync,
        WrapUpStepAsync,
    ];

    private Task<DialogTurnResult> OfferResumeStepAsync(WaterfallStepContext<SupportState> step, CancellationToken cancellationToken)
    {
        if (step.State.Intent != SupportIntent.Start
            || ErrorCodeParser.FindAll(step.Context.Activity.RemoveRecipientMention()).Count > 0
            || SupportCases.Resumable(step.Context, _timeProvider) is not { Guide: { } guide } open)
        {
            return step.NextAsync(cancellationToken);
        }

        var title = open.PlaybookTitle is { Length: > 0 } known ? $"\"{MarkdownText.Escape(known)}\"" : "your sign-in problem";
        return step.PromptAsync(
            _resumePrompt,
            PromptOptions.FromText(
                $"Welcome back. Last time we got to step {guide.Index + 1} of {guide.Total} of {title}. Shall we carry on from there?",
                "Please answer yes to carry on, or no to start afresh."),
            cancellationToken);
    }

    private Task<DialogTurnResult> TriageStepAsync(WaterfallStepContext<SupportState> step, CancellationToken cancellationToken)
    {
        string? firstMessage = step.Context.Activity.RemoveRecipientMention();
        if (step.TryGetResultOf(_resumePrompt, out var resume))
        {
            if (resume.TryGetValue(out var carryOn) && carryOn)
            {
                step.State = step.State with { Intent = SupportIntent.Resume };
                return step.NextAsync(cancellationToken);
            }

            // "No": the old case is closed and the new one starts with the greeting, not with the word "no".
            firstMessage = null;
        }

        switch (step.State.Intent)
        {
            case SupportIntent.Escalate:
                step.State = step.State with { EscalationReason = step.State.EscalationReason ?? EscalationReason.AskedForPerson };
                return step.NextAsync(cancellationToken);
            case SupportIntent.Resume when SupportCases.Resumable(step.Context, _timeProvider) is not null:
                return step.NextAsync(cancellationToken);
            default:
                SupportCases.Start(step.Context, _timeProvider);
                step.State = step.State with { Intent = SupportIntent.Start };
                return step.BeginDialogAsync(_triage, new TriageState(firstMessage), cancellationToken);
        }
    }

    private async Task<DialogTurnResult> GuideStepAsync(WaterfallStepContext<SupportState> step, CancellationToken cancellationToken)
    {
        if (step.State.Intent == SupportIntent.Resume && SupportCases.Get(step.Context)?.Guide is { } resumed)
        {
            return await step.BeginDialogAsync(_guide, new GuidedFixState(resumed), cancellationToken);
        }

        if (!step.TryGetResultOf(_triage, out var triage))
        {
            return await step.NextAsync(cancellationToken);
        }

        _insights?.CaseStarted(step.Context, SupportCases.GetOrStart(step.Context, _timeProvider), triage.Outcome == TriageOutcome.Playbook ? triage.PlaybookId : null, triage.Platform);
        switch (triage.Outcome)
        {
            case TriageOutcome.Playbook when triage.PlaybookId is { } id && _library.TryGetById(id, out var playbook):
                if (GuidedFixDialog.Begin(playbook, triage.Platform) is { } progress)
                {
                    await step.Context.SendActivityAsync(
                        // Playbook text is written by the admins (trusted Markdown), unlike anything the user typed.
                        MessageFactory.Text($"**{playbook.Title}**\n\n{playbook.Summary}\n\nLet's fix it one step at a time. Tell me after each step whether it worked."),
                        cancellationToken);
                    return await step.BeginDialogAsync(_guide, new GuidedFixState(progress), cancellationToken);
                }

                SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase with { PlaybookTitle = playbook.Title });
                step.State = step.State with { EscalationReason = EscalationReason.AdminOnly };
                break;
            case TriageOutcome.WantsPerson:
                step.State = step.State with { EscalationReason = EscalationReason.AskedForPerson };
                break;
            default:
                step.State = step.State with { EscalationReason = EscalationReason.NoGuide };
                break;
        }

        return await step.NextAsync(cancellationToken);
    }

    private async Task<DialogTurnResult> FollowUpStepAsync(WaterfallStepContext<SupportState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_guide, out var guided))
        {
            if (guided.Outcome == GuideOutcome.Fixed)
            {
                var fixedCase = SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase with
                {
                    Status = CaseStatus.Closed,
                    FixedAt = _timeProvider.GetUtcNow(),
                    FixHeld = null,
                    FixedByStepTitle = supportCase.Guide?.CurrentStepId is { } stepId
                        ? supportCase.Steps.LastOrDefault(tried => tried.StepId == stepId)?.Title
                        : null,
                });
                _followUps.ScheduleAfterFix(step.Context, fixedCase);
                _insights?.CaseFixed(step.Context, fixedCase);
                await step.Context.SendActivityAsync(FixedMessage, cancellationToken);
                var title = SupportCases.Get(step.Context)?.PlaybookTitle ?? "Teams sign-in";
                return await step.PromptAsync(
                    _ratingPrompt,
                    new PromptOptions { Prompt = MessageFactory.AdaptiveCard(SupportCards.Rating(new RatingCardData(title))) },
                    cancellationToken);
            }

            step.State = step.State with
            {
                EscalationReason = guided.Outcome switch
                {
                    GuideOutcome.AskedForPerson => EscalationReason.AskedForPerson,
                    GuideOutcome.GaveUp => EscalationReason.NotUnderstood,
                    GuideOutcome.GuideRemoved => EscalationReason.NoGuide,
                    _ => EscalationReason.StepsExhausted,
                },
            };
        }

        if (step.State.EscalationReason is { } reason)
        {
            return await step.BeginDialogAsync(_escalation, new EscalationState(reason), cancellationToken);
        }

        return await step.EndDialogAsync(cancellationToken);
    }

    private async Task<DialogTurnResult> WrapUpStepAsync(WaterfallStepContext<SupportState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_escalation, out var escalation) && escalation.TicketNumber is not null && SupportCases.Get(step.Context) is { } escalatedCase)
        {
            _insights?.CaseEscalated(step.Context, escalatedCase, escalation.Reason);
        }

        if (step.TryGetResultOf(_ratingPrompt, out var rating))
        {
            var stars = rating.TryGetValue(out var submit) ? submit.Rating : null;
            var ratedCase = SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase with { Status = CaseStatus.Closed, Rating = stars is >= 1 and <= 5 ? stars : null });
            if (stars is >= 1 and <= 5)
            {
                _insights?.CaseRated(step.Context, ratedCase, stars.Value);
                await GuidedFixDialog.ReplaceClickedCardAsync(step.Context, SupportCards.Rated(new RatedData(stars.Value)), cancellationToken);
                await step.Context.SendActivityAsync(RatingThanks, cancellationToken);
            }
            else
            {
                // Anything but a rating: they have moved on. Nothing is lost by not rating; a new message starts afresh.
                await step.Context.SendActivityAsync("No problem. If it happens again, just message me.", cancellationToken);
            }
        }

        return await step.EndDialogAsync(cancellationToken);
    }
}
