using CaaBot.Bot.Cards;
using CaaBot.Bot.Diagnostics;
using CaaBot.Bot.Guides;
using CaaBot.Bot.Incidents;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Recognition;
using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Knowledge.Codes;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// Finds the guide for the user's problem: from an error code (tolerantly parsed; several codes → "which one?"; an
/// unknown code is recorded with what its number says) or from a description plus the platform, offering the best
/// matches or "none of these". Then asks where the error shows when the guide's steps differ by platform, and, for
/// guides that check the clock, whether the user is on the affected PC (to compare its clock with ours).
/// </summary>
public sealed class TriageDialog : WaterfallDialog<TriageState>
{
    public const string DialogId = "triage";
    public const string HaveCodeChoice = "I have an error code";
    public const string NoCodeChoice = "I don't have a code";
    public const string PersonChoice = "Talk to a person";
    public const string GreetingPrompt = "Tell me what's wrong with signing in to Teams. Have you got an error code?";
    public const string AskCodePrompt = "What's the error code? It's usually under the message, something like 0xCAA20003 or AADSTS50076. If there isn't one, say \"no code\".";
    public const string AskSymptomPrompt = "In your own words, what happens when you try to sign in to Teams?";
    public const string AskPlatformPrompt = "Where does it happen?";
    public const string AskWhereErrorShowsPrompt = "Where do you see the error? The fix depends on the device, and you may be chatting with me from another one.";
    public const string AskAffectedDevicePrompt = "Are you chatting with me from the computer that shows the error?";
    public const string ClockInSyncMessage = "Your PC's clock looks right, so that's one cause ruled out. Let's still make sure it stays in sync.";
    public const string NoMatchMessage = "I couldn't match that to one of my guides.";
    public const int MaxCodesOffered = 5;
    public const int MaxWordsLength = 2_000;

    private static readonly HashSet<string> NoCodeAnswers = TextNormalizer.ToKeySet(
    [
        "no code", "no", "none", "there isn't one", "there is no code", "i don't have one", "i dont have a code", "i don't have a code",
        "no error code", "don't know", "dont know", "i don't know", "idk", "not sure", "no number",
    ]);

    private static readonly HashSet<string> HaveCodeAnswers = TextNormalizer.ToKeySet(
        [HaveCodeChoice, "i have a code", "error code", "code", "i have an error", "i've got a code", "yes", "yes i do"]);

    private static readonly HashSet<string> Greetings = TextNormalizer.ToKeySet(
    [
        "hi", "hello", "hey", "hiya", "yo", "good morning", "good afternoon", "good evening", "hi there", "hello there", "start",
        "help me please", "i need help", "can you help", "can you help me", "teams", "teams problem", "sign in problem", "problem",
    ]);

    private readonly PlaybookLibrary _library;
    private readonly IncidentRecords? _incidents;
    private readonly ClockSkewCheck _clock;
    private readonly TimeProvider _timeProvider;
    private readonly TextPrompt _routePrompt;
    private readonly TextPrompt _codePrompt;
    private readonly ChoicePrompt _whichCodePrompt;
    private readonly TextPrompt _symptomPrompt;
    private readonly ChoicePrompt _platformPrompt;
    private readonly SupportCardPrompt _matchesPrompt;
    private readonly ChoicePrompt _whereErrorShowsPrompt;
    private readonly ConfirmPrompt _affectedDevicePrompt;

    public TriageDialog(PlaybookLibrary library, ClockSkewCheck clock, TimeProvider timeProvider, IncidentRecords? incidents = null)
        : base(DialogId, new TriageState(null))
    {
        _incidents = incidents;
        _library = library;
        _clock = clock;
        _timeProvider = timeProvider;
        _routePrompt = AddDialog(new TextPrompt("triage.route"));
        _codePrompt = AddDialog(new TextPrompt("triage.code", IsCodeOrNoCode));
        _whichCodePrompt = AddDialog(new ChoicePrompt("triage.whichCode"));
        _symptomPrompt = AddDialog(new TextPrompt("triage.symptom", IsDescription));
        _platformPrompt = AddDialog(new ChoicePrompt("triage.platform"));
        _matchesPrompt = AddDialog(new SupportCardPrompt(
            "triage.matches",
            [SupportCardActions.Choose, SupportCardActions.NoneOfThese],
            new Dictionary<string, string>
            {
                ["none of these"] = SupportCardActions.NoneOfThese, ["none"] = SupportCardActions.NoneOfThese,
                ["neither"] = SupportCardActions.NoneOfThese, ["no"] = SupportCardActions.NoneOfThese, ["nope"] = SupportCardActions.NoneOfThese,
            }));
        _whereErrorShowsPrompt = AddDialog(new ChoicePrompt("triage.whereErrorShows"));
        _affectedDevicePrompt = AddDialog(new ConfirmPrompt("triage.affectedDevice"));
    }

    protected override IReadOnlyList<WaterfallStep<TriageState>> Steps =>
    [
        ReadFirstMessageStepAsync,
        ReadRouteStepAsync,
        ReadCodeStepAsync,
        LookUpCodeStepAsync,
        AskPlatformStepAsync,
        OfferMatchesStepAsync,
        AskWhereErrorShowsStepAsync,
        AskIfAffectedDeviceStepAsync,
        CheckClockStepAsync,
    ];

    private Task<DialogTurnResult> ReadFirstMessageStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        step.State = Interpret(step.State, step.State.FirstMessage);
        if (step.State.Route != TriageRoute.Undecided)
        {
            return step.NextAsync(cancellationToken);
        }

        // Offered as buttons, answered by a click or in words: a code or a description typed here works too.
        return step.PromptAsync(
            _routePrompt,
            new PromptOptions { Prompt = MessageFactory.SuggestedActions(GreetingPrompt, [HaveCodeChoice, NoCodeChoice, PersonChoice]) },
            cancellationToken);
    }

    private Task<DialogTurnResult> ReadRouteStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_routePrompt, out var route))
        {
            step.State = Interpret(step.State, route.TryGetValue(out var answer) ? answer : null);
            if (step.State.Route == TriageRoute.Undecided)
            {
                // Neither a code nor a choice: ask for the problem in their words, which always leads somewhere.
                step.State = step.State with { Route = TriageRoute.Symptom };
            }
        }

        if (step.State.Route == TriageRoute.Person)
        {
            return EndWithAsync(step, TriageOutcome.WantsPerson, cancellationToken);
        }

        if (step.State.Route == TriageRoute.Code && step.State.CodeCandidates.Count == 0)
        {
            return step.PromptAsync(_codePrompt, PromptOptions.FromText(AskCodePrompt), cancellationToken);
        }

        return step.NextAsync(cancellationToken);
    }

    /// <summary>Reads a message that may hold codes, one of the greeting's choices, or a description of the problem.</summary>
    private static TriageState Interpret(TriageState state, string? message)
    {
        var text = message?.Trim() ?? string.Empty;
        state = state with { Platform = state.Platform ?? PlatformHints.Infer(text) };
        var codes = DistinctCodes(text);
        var key = TextNormalizer.Normalize(text);
        if (codes.Count > 0)
        {
            return state with { Route = TriageRoute.Code, CodeCandidates = codes, UserWords = IsMoreThanACode(text) ? Clip(text) : state.UserWords };
        }

        if (key.Length == 0)
        {
            return state;
        }

        if (HaveCodeAnswers.Contains(key))
        {
            return state with { Route = TriageRoute.Code };
        }

        if (NoCodeAnswers.Contains(key) || key == TextNormalizer.Normalize(NoCodeChoice))
        {
            return state with { Route = TriageRoute.Symptom };
        }

        if (key == TextNormalizer.Normalize(PersonChoice))
        {
            return state with { Route = TriageRoute.Person };
        }

        return LooksLikeADescription(text) ? state with { Route = TriageRoute.Symptom, UserWords = Clip(text) } : state;
    }

    private Task<DialogTurnResult> ReadCodeStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_codePrompt, out var typed))
        {
            var codes = typed.TryGetValue(out var text) ? DistinctCodes(text) : [];
            step.State = codes.Count > 0
                ? step.State with { CodeCandidates = codes }
                : step.State with { Route = TriageRoute.Symptom };
        }

        if (step.State.CodeCandidates.Count > 1)
        {
            var offered = step.State.CodeCandidates.Take(MaxCodesOffered).ToList();
            return step.PromptAsync(
                _whichCodePrompt,
                new PromptOptions
                {
                    Prompt = MessageFactory.Text("I can see more than one code in that. Which one is on your screen now?"),
                    Choices = Choice.FromValues(offered),
                },
                cancellationToken);
        }

        if (step.State.CodeCandidates.Count == 1)
        {
            step.State = step.State with { Code = step.State.CodeCandidates[0] };
        }

        return step.NextAsync(cancellationToken);
    }

    private async Task<DialogTurnResult> LookUpCodeStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_whichCodePrompt, out var which))
        {
            // Not sure which? The first one they typed is usually the one on screen.
            step.State = step.State with { Code = which.TryGetValue(out var choice) ? choice.Value : step.State.CodeCandidates[0] };
        }

        if (step.State.Code is { } code && ErrorCodeParser.TryParse(code, out var parsed))
        {
            UpdateCase(step.Context, supportCase => supportCase with { ErrorCode = parsed.Normalized });
            if (_incidents is not null && await _incidents.FindOpenAsync(parsed.Normalized, cancellationToken) is { } incident)
            {
                await step.Context.SendActivityAsync(MessageFactory.Text(IncidentMessages.HeadsUp(incident, parsed.Normalized)), cancellationToken);
            }

            if (_library.TryFindByCode(parsed, out var playbook))
            {
                step.State = step.State with { PlaybookId = playbook.Id };
                return await step.NextAsync(cancellationToken);
            }

            // A well-formed code without a guide: say what its number tells us, keep it for the ticket, and find the
            // closest guide from the description instead.
            var family = ErrorCodeFamily.Of(parsed);
            UpdateCase(step.Context, supportCase => supportCase.WithFinding($"No guide for {parsed.Normalized}; its number says: {family.Description}."));
            await step.Context.SendActivityAsync(
                MessageFactory.Text($"I don't have a guide for **{parsed.Normalized}** yet. Its number tells me: {family.Description}. I'll note the code for the helpdesk."),
                cancellationToken);
            step.State = step.State with { Route = TriageRoute.Symptom };
        }

        if (step.State.UserWords is null)
        {
            return await step.PromptAsync(_symptomPrompt, PromptOptions.FromText(AskSymptomPrompt), cancellationToken);
        }

        return await step.NextAsync(cancellationToken);
    }

    private Task<DialogTurnResult> AskPlatformStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_symptomPrompt, out var described) && described.TryGetValue(out var words))
        {
            step.State = step.State with { UserWords = Clip(words) };
        }

        if (step.State.UserWords is { } userWords)
        {
            UpdateCase(step.Context, supportCase => supportCase with { UserWords = userWords });
            step.State = step.State with { Platform = step.State.Platform ?? PlatformHints.Infer(userWords) };
        }

        if (step.State.PlaybookId is null && step.State.Platform is null)
        {
            return step.PromptAsync(
                _platformPrompt,
                new PromptOptions { Prompt = MessageFactory.Text(AskPlatformPrompt), Choices = PlatformNames.Choices() },
                cancellationToken);
        }

        return step.NextAsync(cancellationToken);
    }

    private async Task<DialogTurnResult> OfferMatchesStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_platformPrompt, out var platform) && platform.TryGetValue(out var platformChoice))
        {
            RememberPlatform(step, PlatformNames.FromChoice(platformChoice.Value));
        }

        if (step.State.PlaybookId is not null)
        {
            return await step.NextAsync(cancellationToken);
        }

        var matches = step.State.UserWords is { } words ? _library.MatchSymptom(words, step.State.Platform, SupportCards.MaxChoices) : [];
        var offered = matches
            .Select(match => _library.TryGetById(match.PlaybookId, out var playbook) ? new PlaybookChoice(playbook.Id, playbook.Title, match.Confidence) : null)
            .OfType<PlaybookChoice>()
            .ToList();
        if (offered.Count == 0)
        {
            await step.Context.SendActivityAsync(NoMatchMessage, cancellationToken);
            return await EndWithAsync(step, TriageOutcome.NoMatch, cancellationToken);
        }

        var card = MessageFactory.AdaptiveCard(SupportCards.PlaybookChoices(new PlaybookChoicesData(offered)));
        return await step.PromptAsync(
            _matchesPrompt,
            new PromptOptions
            {
                Prompt = card,
                RetryPrompt = card with { Text = "Pick the guide that sounds closest, or \"None of these\"." },
                Choices = [.. offered.Select(choice => new Choice(choice.PlaybookId))],
            },
            cancellationToken);
    }

    private async Task<DialogTurnResult> AskWhereErrorShowsStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_matchesPrompt, out var picked))
        {
            if (!picked.TryGetValue(out var submit) || submit.Action != SupportCardActions.Choose || submit.PlaybookId is not { } chosenId
                || !_library.TryGetById(chosenId, out _))
            {
                return await EndWithAsync(step, TriageOutcome.NoMatch, cancellationToken);
            }

            step.State = step.State with { PlaybookId = chosenId };
        }

        var playbook = RequirePlaybook(step.State);
        if (playbook.StepsDifferByPlatform && (step.State.Platform is not { } known || !playbook.Platforms.Contains(known)))
        {
            return await step.PromptAsync(
                _whereErrorShowsPrompt,
                new PromptOptions { Prompt = MessageFactory.Text(AskWhereErrorShowsPrompt), Choices = PlatformNames.Choices(playbook.Platforms) },
                cancellationToken);
        }

        return await step.NextAsync(cancellationToken);
    }

    private Task<DialogTurnResult> AskIfAffectedDeviceStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_whereErrorShowsPrompt, out var where) && where.TryGetValue(out var whereChoice))
        {
            RememberPlatform(step, PlatformNames.FromChoice(whereChoice.Value));
        }

        var playbook = RequirePlaybook(step.State);
        var onAComputer = step.State.Platform is null or PlaybookPlatform.Windows or PlaybookPlatform.MacOS;
        if (playbook.Checks.Contains(PlaybookCheck.Clock) && onAComputer)
        {
            return step.PromptAsync(
                _affectedDevicePrompt,
                PromptOptions.FromText(AskAffectedDevicePrompt, "Please answer yes or no: are you chatting from the computer that shows the error?"),
                cancellationToken);
        }

        return step.NextAsync(cancellationToken);
    }

    private async Task<DialogTurnResult> CheckClockStepAsync(WaterfallStepContext<TriageState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_affectedDevicePrompt, out var onAffectedDevice) && onAffectedDevice.TryGetValue(out var yes) && yes)
        {
            // The "yes" came from the affected PC, so its localTimestamp is that PC's clock.
            var result = _clock.Check(step.Context.Activity);
            switch (result.Status)
            {
                case ClockSkewStatus.Skewed:
                    UpdateCase(step.Context, supportCase => supportCase.WithFinding($"Clock check on the affected PC: {result.Description}"));
                    await step.Context.SendActivityAsync(
                        MessageFactory.Text($"⚠ {result.Description} Sign-in is checked against the time, so a wrong clock alone causes this error. The first step sets it right."),
                        cancellationToken);
                    break;
                case ClockSkewStatus.InSync:
                    UpdateCase(step.Context, supportCase => supportCase.WithFinding("Clock check on the affected PC: in sync with the server."));
                    await step.Context.SendActivityAsync(ClockInSyncMessage, cancellationToken);
                    break;
                default:
                    UpdateCase(step.Context, supportCase => supportCase.WithFinding("Clock check on the affected PC: this chat app does not report the device's time."));
                    break;
            }
        }

        return await EndWithAsync(step, TriageOutcome.Playbook, cancellationToken);
    }

    private Task<DialogTurnResult> EndWithAsync(WaterfallStepContext<TriageState> step, TriageOutcome outcome, CancellationToken cancellationToken)
    {
        step.State = step.State with { Outcome = outcome };
        UpdateCase(step.Context, supportCase => supportCase with { Platform = step.State.Platform ?? supportCase.Platform });
        return step.EndDialogAsync(cancellationToken);
    }

    /// <summary>Where the error shows goes on the case at once: an "agent" in the next message must not lose it.</summary>
    private void RememberPlatform(WaterfallStepContext<TriageState> step, PlaybookPlatform platform)
    {
        step.State = step.State with { Platform = platform };
        UpdateCase(step.Context, supportCase => supportCase with { Platform = platform });
    }

    private Playbook RequirePlaybook(TriageState state) =>
        state.PlaybookId is { } id && _library.TryGetById(id, out var playbook)
            ? playbook
            : throw new InvalidOperationException($"Triage expected a chosen playbook but has '{state.PlaybookId}'.");

    private void UpdateCase(ITurnContext turnContext, Func<SupportCase, SupportCase> change) => SupportCases.Update(turnContext, _timeProvider, change);

    private static List<string> DistinctCodes(string text) =>
        [.. ErrorCodeParser.FindAll(text).Select(match => match.Code.Normalized).Distinct(StringComparer.Ordinal)];

    /// <summary>"0xCAA20003 after I changed my password" says more than the code; keep the words for the ticket.</summary>
    private static bool IsMoreThanACode(string text) => SymptomTextWordCount(text) > 3;

    private static bool LooksLikeADescription(string text) =>
        text.Length > 0 && !Greetings.Contains(TextNormalizer.Normalize(text)) && SymptomTextWordCount(text) >= 3;

    private static int SymptomTextWordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Clip(string text) => text.Length <= MaxWordsLength ? text.Trim() : text[..MaxWordsLength].Trim() + "…";

    private static PromptValidation IsCodeOrNoCode(string text) =>
        ErrorCodeParser.FindAll(text).Count > 0 || NoCodeAnswers.Contains(TextNormalizer.Normalize(text))
            ? PromptValidation.Valid
            : PromptValidation.Invalid("I couldn't find a code in that. Codes look like 0xCAA20003, CAA20003 or AADSTS50076; a negative number such as -895352829 works too. No code? Say \"no code\".");

    private static PromptValidation IsDescription(string text) =>
        text.Trim().Length >= 3
            ? PromptValidation.Valid
            : PromptValidation.Invalid("Could you say a bit more? For example \"Teams keeps asking for my password\" or \"it's stuck on a white screen\".");
}
