using CaaBot.Bot.Cards;
using CaaBot.Bot.Guides;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// Walks the user through a guide one step card at a time. Every answer is recorded on the support case; the
/// answered card is replaced by a one-line record where the channel can update messages; "That fixed it" is
/// confirmed before the guide ends. Loops by replacing itself with the next position, so the stored state is only
/// ever "this step of this revision".
/// </summary>
/// <remarks>
/// The position names the playbook revision the user started with. After an edit the catalog still serves that
/// revision for a while; once it is gone the user continues at the same step (by id) in the new revision, or from
/// the top when that step was removed, and is told so.
/// </remarks>
public sealed class GuidedFixDialog : WaterfallDialog<GuidedFixState>
{
    public const string DialogId = "guidedFix";
    public const string StepPromptId = "guidedFix.step";
    public const string ConfirmPromptId = "guidedFix.confirmFix";
    public const string GuideUpdatedMessage = "This guide was updated since we started. I've kept your place.";
    public const string GuideRestartedMessage = "This guide was changed since we started and the step we were on is gone, so let's begin it again from the first step.";
    public const string GuideRemovedMessage = "The guide we were using has been taken down, so I can't continue it.";
    public const string FirstStepMessage = "This is the first step, so there's nothing before it.";
    public const string NotYetMessage = "Thanks for checking. Let's keep going.";
    public const string StepRetryText = "Did that step help? Choose \"That fixed it\", \"Still broken, next step\", \"Skip\" or \"I need a person\".";

    private readonly PlaybookLibrary _library;
    private readonly TimeProvider _timeProvider;
    private readonly SupportCardPrompt _stepPrompt;
    private readonly SupportCardPrompt _confirmPrompt;
    private readonly InsightRecorder? _insights;

    public GuidedFixDialog(PlaybookLibrary library, TimeProvider timeProvider, InsightRecorder? insights = null)
        : base(DialogId, new GuidedFixState(new GuideProgress("none", string.Empty, null, [], 0)))
    {
        _library = library;
        _timeProvider = timeProvider;
        _insights = insights;
        _stepPrompt = AddDialog(new SupportCardPrompt(
            StepPromptId,
            [SupportCardActions.Fixed, SupportCardActions.Next, SupportCardActions.Skip, SupportCardActions.Back, SupportCardActions.Agent],
            new Dictionary<string, string>
            {
                ["that fixed it"] = SupportCardActions.Fixed, ["fixed"] = SupportCardActions.Fixed, ["fixed it"] = SupportCardActions.Fixed,
                ["it worked"] = SupportCardActions.Fixed, ["that worked"] = SupportCardActions.Fixed, ["works now"] = SupportCardActions.Fixed,
                ["it works"] = SupportCardActions.Fixed, ["yes"] = SupportCardActions.Fixed, ["solved"] = SupportCardActions.Fixed,
                ["still broken"] = SupportCardActions.Next, ["still broken next step"] = SupportCardActions.Next, ["next"] = SupportCardActions.Next,
                ["next step"] = SupportCardActions.Next, ["no"] = SupportCardActions.Next, ["didn't work"] = SupportCardActions.Next,
                ["did not work"] = SupportCardActions.Next, ["not fixed"] = SupportCardActions.Next, ["still not working"] = SupportCardActions.Next,
                ["skip"] = SupportCardActions.Skip, ["skip it"] = SupportCardActions.Skip, ["skip this"] = SupportCardActions.Skip,
                ["can't do this"] = SupportCardActions.Skip,
                ["back"] = SupportCardActions.Back, ["go back"] = SupportCardActions.Back, ["previous"] = SupportCardActions.Back,
                ["previous step"] = SupportCardActions.Back,
            })
        {
            CardRenderer = RenderStepCard,
        });
        _confirmPrompt = AddDialog(new SupportCardPrompt(
            ConfirmPromptId,
            [SupportCardActions.Yes, SupportCardActions.NotYet],
            new Dictionary<string, string>
            {
                ["yes"] = SupportCardActions.Yes, ["yep"] = SupportCardActions.Yes, ["yeah"] = SupportCardActions.Yes, ["i can"] = SupportCardActions.Yes,
                ["signed in"] = SupportCardActions.Yes, ["it works"] = SupportCardActions.Yes, ["all good"] = SupportCardActions.Yes,
                ["no"] = SupportCardActions.NotYet, ["not yet"] = SupportCardActions.NotYet, ["nope"] = SupportCardActions.NotYet,
                ["i can't"] = SupportCardActions.NotYet, ["still broken"] = SupportCardActions.NotYet, ["no it didn't"] = SupportCardActions.NotYet,
            }));
    }

    protected override IReadOnlyList<WaterfallStep<GuidedFixState>> Steps =>
    [
        ShowStepStepAsync,
        RecordAnswerStepAsync,
        ConfirmFixStepAsync,
    ];

    /// <summary>The position to start a guide at step 1 for <paramref name="platform"/>; null when it has no steps a user can do.</summary>
    public static GuideProgress? Begin(Playbook playbook, PlaybookPlatform? platform)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        var steps = playbook.UserStepsFor(platform);
        return steps.Count == 0 ? null : new GuideProgress(playbook.Id, playbook.Revision, platform, [.. steps.Select(step => step.Id)], 0);
    }

    private async Task<DialogTurnResult> ShowStepStepAsync(WaterfallStepContext<GuidedFixState> step, CancellationToken cancellationToken)
    {
        var resolved = Resolve(step.State.Progress);
        if (resolved is null)
        {
            await step.Context.SendActivityAsync(GuideRemovedMessage, cancellationToken);
            return await EndWithAsync(step, GuideOutcome.GuideRemoved, cancellationToken);
        }

        var (playbook, progress, change) = resolved.Value;
        if (change is { } message)
        {
            await step.Context.SendActivityAsync(message, cancellationToken);
        }

        step.State = step.State with { Progress = progress };
        if (progress.IsFinished)
        {
            return await EndWithAsync(step, GuideOutcome.StepsExhausted, cancellationToken);
        }

        SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase with
        {
            Status = CaseStatus.Guiding,
            Guide = progress,
            PlaybookTitle = playbook.Title,
            Platform = progress.Platform ?? supportCase.Platform,
        });
        var current = CurrentStep(playbook, progress);
        var card = StepCard(current, progress.Index + 1, progress.Total);
        return await step.PromptAsync(
            _stepPrompt,
            new PromptOptions
            {
                Prompt = card,
                RetryPrompt = card with { Text = StepRetryText },
                CardSource = new StepCardReference(playbook.Id, playbook.Revision, current.Id, progress.Index + 1, progress.Total).ToCardSource(),
            },
            cancellationToken);
    }

    private async Task<DialogTurnResult> RecordAnswerStepAsync(WaterfallStepContext<GuidedFixState> step, CancellationToken cancellationToken)
    {
        var answer = step.ResultOf(_stepPrompt);
        if (!answer.TryGetValue(out var submit))
        {
            return await EndWithAsync(step, GuideOutcome.GaveUp, cancellationToken);
        }

        var progress = step.State.Progress;
        var answeredId = progress.CurrentStepId ?? throw new InvalidOperationException("A step was answered past the end of the guide.");
        var resolved = Resolve(progress);
        var answeredTitle = resolved?.Playbook.Steps.FirstOrDefault(candidate => candidate.Id == answeredId)?.Title ?? answeredId;
        var outcome = submit.Action switch
        {
            SupportCardActions.Fixed => StepOutcome.Fixed,
            SupportCardActions.Skip => StepOutcome.Skipped,
            SupportCardActions.Back => StepOutcome.WentBack,
            SupportCardActions.Agent => StepOutcome.AskedForPerson,
            _ => StepOutcome.StillBroken,
        };
        if (outcome == StepOutcome.WentBack && progress.Index == 0)
        {
            await step.Context.SendActivityAsync(FirstStepMessage, cancellationToken);
            return await step.Dialogs.ReplaceDialogAsync(this, step.State, cancellationToken);
        }

        var answeredCase = SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase.WithStep(new CaseStep(answeredId, answeredTitle, outcome, _timeProvider.GetUtcNow())));
        _insights?.StepAnswered(step.Context, answeredCase, progress.PlaybookId, answeredCase.Steps[^1]);
        await ReplaceAnsweredCardAsync(step.Context, new AnsweredStepData(progress.Index + 1, progress.Total, answeredTitle, outcome), cancellationToken);
        if (resolved is var (_, current, change) && change is not null)
        {
            // The playbook was edited and the pinned revision is gone: carry on in the new one.
            await step.Context.SendActivityAsync(change, cancellationToken);
            step.State = step.State with { Progress = current };
            if (current.CurrentStepId != answeredId)
            {
                // The answered step no longer exists: the new revision starts from its first step.
                return await step.Dialogs.ReplaceDialogAsync(this, step.State, cancellationToken);
            }
        }

        switch (outcome)
        {
            case StepOutcome.Fixed:
                var confirm = MessageFactory.AdaptiveCard(SupportCards.ConfirmFix(new ConfirmFixData(answeredTitle)));
                return await step.PromptAsync(
                    _confirmPrompt,
                    new PromptOptions { Prompt = confirm, RetryPrompt = confirm with { Text = "Please answer Yes or Not yet: can you sign in to Teams now?" } },
                    cancellationToken);
            case StepOutcome.AskedForPerson:
                return await EndWithAsync(step, GuideOutcome.AskedForPerson, cancellationToken);
            case StepOutcome.WentBack:
                return await MoveToAsync(step, step.State.Progress.Index - 1, cancellationToken);
            default:
                return await MoveToAsync(step, step.State.Progress.Index + 1, cancellationToken);
        }
    }

    private async Task<DialogTurnResult> ConfirmFixStepAsync(WaterfallStepContext<GuidedFixState> step, CancellationToken cancellationToken)
    {
        var confirmed = step.ResultOf(_confirmPrompt).TryGetValue(out var submit) && submit.Action == SupportCardActions.Yes;
        await ReplaceClickedCardAsync(step.Context, SupportCards.FixConfirmation(new FixConfirmationData(confirmed)), cancellationToken);
        if (confirmed)
        {
            return await EndWithAsync(step, GuideOutcome.Fixed, cancellationToken);
        }

        // Not confirmed: the step did not fix it after all. The later answer replaces "fixed" in the summary.
        var progress = step.State.Progress;
        if (progress.CurrentStepId is { } stepId)
        {
            var title = SupportCases.Get(step.Context)?.Steps.LastOrDefault(tried => tried.StepId == stepId)?.Title ?? stepId;
            var notFixed = SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase.WithStep(new CaseStep(stepId, title, StepOutcome.StillBroken, _timeProvider.GetUtcNow())));
            _insights?.StepAnswered(step.Context, notFixed, progress.PlaybookId, notFixed.Steps[^1]);
        }

        await step.Context.SendActivityAsync(NotYetMessage, cancellationToken);
        return await MoveToAsync(step, progress.Index + 1, cancellationToken);
    }

    private async Task<DialogTurnResult> MoveToAsync(WaterfallStepContext<GuidedFixState> step, int index, CancellationToken cancellationToken)
    {
        var next = step.State with { Progress = step.State.Progress with { Index = index } };
        if (next.Progress.IsFinished)
        {
            step.State = next;
            return await EndWithAsync(step, GuideOutcome.StepsExhausted, cancellationToken);
        }

        return await step.Dialogs.ReplaceDialogAsync(this, next, cancellationToken);
    }

    private Task<DialogTurnResult> EndWithAsync(WaterfallStepContext<GuidedFixState> step, GuideOutcome outcome, CancellationToken cancellationToken)
    {
        step.State = step.State with { Outcome = outcome };
        SupportCases.Update(step.Context, _timeProvider, supportCase => supportCase with { Guide = step.State.Progress });
        return step.EndDialogAsync(cancellationToken);
    }

    /// <summary>
    /// The playbook for <paramref name="progress"/>: the pinned revision when still known, else the current one with
    /// the position carried over by step id (or reset to step 1). Null when the playbook is gone.
    /// </summary>
    private (Playbook Playbook, GuideProgress Progress, string? Change)? Resolve(GuideProgress progress)
    {
        if (_library.TryGetRevision(progress.PlaybookId, progress.Revision, out var pinned))
        {
            return (pinned, progress, null);
        }

        if (!_library.TryGetById(progress.PlaybookId, out var current) || Begin(current, progress.Platform) is not { } fresh)
        {
            return null;
        }

        var index = progress.CurrentStepId is { } stepId ? fresh.StepIds.ToList().IndexOf(stepId) : fresh.StepIds.Count;
        return index >= 0
            ? (current, fresh with { Index = index }, GuideUpdatedMessage)
            : (current, fresh, GuideRestartedMessage);
    }

    private static Activity StepCard(PlaybookStep current, int number, int total) =>
        MessageFactory.AdaptiveCard(SupportCards.Step(StepCardData.FromStep(current, number, total)));

    /// <summary>
    /// The step card again, from the revision it was first shown from. Once that revision is gone the prompt falls back
    /// to its text; the answer then moves the user into the new revision (<see cref="RecordAnswerStepAsync"/>).
    /// </summary>
    private IReadOnlyList<Attachment>? RenderStepCard(PromptCardSource source) =>
        StepCardReference.From(source) is { } reference
        && _library.TryGetRevision(reference.PlaybookId, reference.Revision, out var playbook)
        && playbook.Steps.FirstOrDefault(candidate => candidate.Id == reference.StepId) is { } shown
            ? StepCard(shown, reference.Number, reference.Total).Attachments
            : null;

    private static PlaybookStep CurrentStep(Playbook playbook, GuideProgress progress) =>
        playbook.Steps.FirstOrDefault(step => step.Id == progress.CurrentStepId)
        ?? throw new InvalidOperationException($"Playbook '{playbook.Id}' revision {playbook.Revision} has no step '{progress.CurrentStepId}'.");

    /// <summary>
    /// Swaps the clicked card for a one-line record, so its buttons cannot be pressed again. Only for clicks (a typed
    /// answer does not say which card it answers) and only on channels that can edit a sent message.
    /// </summary>
    internal static Task ReplaceAnsweredCardAsync(ITurnContext turnContext, AnsweredStepData answered, CancellationToken cancellationToken) =>
        ReplaceClickedCardAsync(turnContext, SupportCards.AnsweredStep(answered), cancellationToken);

    internal static async Task ReplaceClickedCardAsync(ITurnContext turnContext, System.Text.Json.JsonElement replacement, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.IsCardSubmit() && activity.ReplyToId is { Length: > 0 } cardId && ChannelCapabilities.CanUpdateMessages(activity.ChannelId))
        {
            await turnContext.UpdateActivityAsync(MessageFactory.AdaptiveCard(replacement) with { Id = cardId }, cancellationToken);
        }
    }
}
