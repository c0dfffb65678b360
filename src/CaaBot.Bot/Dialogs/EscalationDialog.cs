using System.Globalization;
using System.Net.Mail;
using CaaBot.Bot.Cards;
using CaaBot.Bot.Guides;
using CaaBot.Bot.LiveChat;
using CaaBot.Bot.Incidents;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Telemetry;
using CaaBot.Conversations.Transcripts;
using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// Hands over to the helpdesk: shows what will be sent (code, device, every step tried and its outcome, the user's
/// own words), asks for consent and optional contact details, files the ticket in the helpdesk queue and shows its
/// number. Filing is idempotent on the case, so a retried turn never files twice. With external helpdesk systems
/// configured, filing goes through the <see cref="HelpdeskOutbox"/>: the user gets the external number at once when
/// the system answers within the inline wait, and is told it is on its way otherwise.
/// </summary>
public sealed class EscalationDialog : WaterfallDialog<EscalationState>
{
    public const string DialogId = "escalation";
    public const string SummaryPromptId = "escalation.summary";
    public const string NothingSentMessage = "OK, I haven't sent anything. Say \"agent\" whenever you want me to pass this on.";
    public const string ConsentMissingMessage = "To send it, tick \"Send this summary and our chat to the helpdesk\" and press Send, or choose \"Not now\".";
    public const int MaxContactLength = 100;
    public const string LiveChatPromptId = "escalation.liveChat";
    public const string ChatNowChoice = "Chat with a person now";
    public const string TicketIsEnoughChoice = "No thanks";
    public const string LiveChatOffer = "An agent is online now. Would you like to chat with them here while they look at your ticket?";

    private readonly PlaybookLibrary _library;
    private readonly ITicketQueue _tickets;
    private readonly HelpdeskOutbox? _outbox;
    private readonly IncidentService? _incidents;
    private readonly TimeProvider _timeProvider;
    private readonly SupportCardPrompt _summaryPrompt;
    private readonly LiveChatConversation? _liveChat;
    private readonly ChoicePrompt _liveChatPrompt;

    public EscalationDialog(PlaybookLibrary library, ITicketQueue tickets, TimeProvider timeProvider, HelpdeskOutbox? outbox = null, IncidentService? incidents = null, LiveChatConversation? liveChat = null)
        : base(DialogId, new EscalationState(EscalationReason.AskedForPerson))
    {
        _incidents = incidents;
        _library = library;
        _tickets = tickets;
        _outbox = outbox;
        _timeProvider = timeProvider;
        _liveChat = liveChat;

        // One attempt: whatever else they type means the ticket is enough, and is answered as usual.
        _liveChatPrompt = AddDialog(new ChoicePrompt(LiveChatPromptId, maxAttempts: 1));
        _summaryPrompt = AddDialog(new SupportCardPrompt(
            SummaryPromptId,
            [SupportCardActions.Send, SupportCardActions.NotNow],
            new Dictionary<string, string>
            {
                ["send"] = SupportCardActions.Send, ["send it"] = SupportCardActions.Send, ["send to helpdesk"] = SupportCardActions.Send,
                ["yes send it"] = SupportCardActions.Send, ["yes please send it"] = SupportCardActions.Send,
                ["not now"] = SupportCardActions.NotNow, ["no"] = SupportCardActions.NotNow, ["don't send"] = SupportCardActions.NotNow,
                ["no thanks"] = SupportCardActions.NotNow,
            },
            IsSendable));
    }

    protected override IReadOnlyList<WaterfallStep<EscalationState>> Steps =>
    [
        ShowSummaryStepAsync,
        FileTicketStepAsync,
        StartLiveChatStepAsync,
    ];

    private async Task<DialogTurnResult> ShowSummaryStepAsync(WaterfallStepContext<EscalationState> step, CancellationToken cancellationToken)
    {
        var supportCase = SupportCases.GetOrStart(step.Context, _timeProvider);
        if (step.State.Reason == EscalationReason.AskedForPerson && supportCase.Guide is { CurrentStepId: { } stepId } guide
            && !supportCase.Steps.Any(tried => tried.StepId == stepId && tried.Outcome == StepOutcome.AskedForPerson)
            && StepTitle(guide, stepId) is { } title)
        {
            // "agent" typed while a step card was open: that step's outcome is "asked for a person".
            supportCase = supportCase.WithStep(new CaseStep(stepId, title, StepOutcome.AskedForPerson, _timeProvider.GetUtcNow()));
        }

        supportCase = supportCase with { Status = CaseStatus.Escalating };
        SupportCases.Set(step.Context, supportCase, _timeProvider);
        await step.Context.SendActivityAsync(Opening(step.State.Reason), cancellationToken);
        var card = MessageFactory.AdaptiveCard(SupportCards.EscalationSummary(Summary(supportCase)));
        return await step.PromptAsync(
            _summaryPrompt,
            new PromptOptions { Prompt = card, RetryPrompt = card with { Text = ConsentMissingMessage } },
            cancellationToken);
    }

    private async Task<DialogTurnResult> FileTicketStepAsync(WaterfallStepContext<EscalationState> step, CancellationToken cancellationToken)
    {
        var supportCase = SupportCases.GetOrStart(step.Context, _timeProvider);
        if (!step.ResultOf(_summaryPrompt).TryGetValue(out var submit) || submit.Action != SupportCardActions.Send)
        {
            // Nothing sent: an unfinished guide can still be resumed later.
            SupportCases.Set(step.Context, supportCase with { Status = supportCase.Guide is { IsFinished: false } ? CaseStatus.Guiding : CaseStatus.Closed }, _timeProvider);
            await step.Context.SendActivityAsync(NothingSentMessage, cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        var request = Request(step.Context, supportCase, submit);
        if (_incidents is not null && await _incidents.ReportAsync(request, cancellationToken) is { } incident)
        {
            // Part of a wider outage: linked to its one incident ticket instead of a ticket of their own.
            return await JoinIncidentAsync(step, supportCase, incident, cancellationToken);
        }

        var receipt = _outbox is null
            ? new EscalationReceipt(await _tickets.SubmitAsync(request, cancellationToken), [], [], [])
            : await _outbox.FileAsync(request, TranscriptLoggerMiddleware.StreamFor(step.Context.Activity), cancellationToken);
        var ticket = receipt.Ticket;

        // Counted once the turn has committed: an attempt re-run after a state conflict files the same ticket again
        // (idempotent on the case id) and must not count it twice.
        var codeFamily = CaaBotTelemetry.ErrorCodeFamily(supportCase.ErrorCode);
        var playbook = ticket.Request.PlaybookId ?? "none";
        step.Context.TurnState.GetRequired<TurnDelivery>().OnDelivered((_, _) =>
        {
            CaaBotTelemetry.Escalations.Add(
                1,
                new KeyValuePair<string, object?>("caabot.error_code_family", codeFamily),
                new KeyValuePair<string, object?>("caabot.playbook", playbook));
            return Task.CompletedTask;
        });
        SupportCases.Set(step.Context, supportCase with { Status = CaseStatus.Closed, TicketNumber = ticket.Number }, _timeProvider);
        step.State = step.State with { TicketNumber = ticket.Number };
        await GuidedFixDialog.ReplaceClickedCardAsync(step.Context, SupportCards.TicketFiled(new TicketFiledData(ticket.Number)), cancellationToken);

        // A person right now when one is present and the helpdesk is open; otherwise when to expect an answer.
        var agentAvailable = _liveChat is not null && await _liveChat.IsAgentAvailableAsync(cancellationToken);
        var filed = FiledMessage(receipt);
        if (_liveChat is not null && !agentAvailable)
        {
            filed += $" Nobody from the helpdesk is free to chat right now; they will answer your ticket {_liveChat.ExpectedResponse}.";
        }

        await step.Context.SendActivityAsync(MessageFactory.Text(filed), cancellationToken);
        if (!agentAvailable)
        {
            return await step.EndDialogAsync(cancellationToken);
        }

        return await step.PromptAsync(
            _liveChatPrompt,
            new PromptOptions
            {
                Prompt = MessageFactory.Text(LiveChatOffer),
                Choices = [new Choice(ChatNowChoice, ["yes", "chat", "yes please", "live chat", "chat now"]), new Choice(TicketIsEnoughChoice, ["no", "no thanks", "not now"])],
            },
            cancellationToken);
    }

    private async Task<DialogTurnResult> StartLiveChatStepAsync(WaterfallStepContext<EscalationState> step, CancellationToken cancellationToken)
    {
        var wantsChat = step.TryGetResultOf(_liveChatPrompt, out var answer) && answer.TryGetValue(out var choice) && choice.Value == ChatNowChoice;
        if (!wantsChat || _liveChat is null || step.State.TicketNumber is not { } number || await _tickets.FindAsync(number, cancellationToken) is not { } ticket)
        {
            await step.Context.SendActivityAsync("OK. Your ticket is with the helpdesk; ask me for its status any time.", cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        await _liveChat.StartAsync(step.Context, ticket, cancellationToken);
        return await step.EndDialogAsync(cancellationToken);
    }

    private async Task<DialogTurnResult> JoinIncidentAsync(
        WaterfallStepContext<EscalationState> step, SupportCase supportCase, OpenIncident incident, CancellationToken cancellationToken)
    {
        SupportCases.Set(step.Context, supportCase with { Status = CaseStatus.Closed, TicketNumber = incident.Number }, _timeProvider);
        step.State = step.State with { TicketNumber = incident.Number };
        await GuidedFixDialog.ReplaceClickedCardAsync(step.Context, SupportCards.TicketFiled(new TicketFiledData(incident.Number)), cancellationToken);
        await step.Context.SendActivityAsync(MessageFactory.Text(IncidentMessages.Joined(incident, supportCase.ErrorCode)), cancellationToken);
        return await step.EndDialogAsync(cancellationToken);
    }

    /// <summary>What the user is told once the ticket is filed: our number, the external numbers there are already, and whether more is on its way.</summary>
    public static string FiledMessage(EscalationReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var ticket = receipt.Ticket;
        var group = MarkdownText.Escape(ticket.Request.Group);
        var external = ExternalNumbers(ticket.Number, receipt.Delivered);
        if (receipt.Queued.Count > 0)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"Done. Your ticket number is **{ticket.Number}**{external}. The {group} team has everything we tried, so you won't need to repeat it. The helpdesk system is slow to answer right now, so your ticket is queued and will reach it shortly; I'll let you know here when it has.");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"Done. Your ticket number is **{ticket.Number}**{external}. The {group} team has everything we tried, so you won't need to repeat it. Mention the number if you call the helpdesk.");
    }

    private static string ExternalNumbers(string ticketNumber, IReadOnlyList<ExternalTicket> delivered)
    {
        // A system that knows the ticket by our own number (email) adds nothing to show.
        var numbers = delivered
            .Where(external => !string.Equals(external.DisplayNumber, ticketNumber, StringComparison.Ordinal))
            .Select(external => "**" + MarkdownText.Escape(external.DisplayNumber) + "**")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return numbers.Count == 0 ? string.Empty : $" (in the helpdesk system: {string.Join(", ", numbers)})";
    }

    private TicketRequest Request(ITurnContext turnContext, SupportCase supportCase, SupportCardSubmit submit)
    {
        var playbook = supportCase.Guide is { } guide && _library.TryGetById(guide.PlaybookId, out var found) ? found : null;
        var activity = turnContext.Activity;
        var findings = supportCase.Findings.ToList();
        if (playbook?.HelpdeskSteps is { Count: > 0 } adminSteps)
        {
            findings.Add("For the helpdesk to check: " + string.Join("; ", adminSteps.Select(adminStep => adminStep.Title)));
        }

        return new TicketRequest
        {
            // One ticket per case; the ticket number is kept on the case, so escalating again after "Not now" reuses it.
            RequestId = supportCase.Id,
            Requester = new TicketRequester(activity.ChannelId ?? "unknown", activity.From?.Id ?? "unknown", activity.From?.Name)
            {
                ContactEmail = Trimmed(submit.ContactEmail),
                ContactPhone = Trimmed(submit.ContactPhone),
            },
            ErrorCode = supportCase.ErrorCode,
            Device = PlatformNames.Describe(supportCase.Platform),
            PlaybookId = playbook?.Id,
            PlaybookTitle = playbook?.Title ?? supportCase.PlaybookTitle,
            Group = playbook?.Escalation.Group ?? "general",
            Priority = playbook?.Escalation.Priority ?? "normal",
            Steps = [.. supportCase.Steps.Select(tried => new TicketStep(tried.StepId, tried.Title, ToTicketOutcome(tried.Outcome), tried.At))],
            UserWords = supportCase.UserWords,
            Findings = findings,
            Attachments = [.. supportCase.Attachments.Select(file => new TicketAttachment(file.Name, file.ContentType, file.ContentUrl, file.SharedAt))],
            CorrelationId = turnContext.CorrelationId,
            Conversation = activity.GetConversationReference(),
        };
    }

    private EscalationSummaryData Summary(SupportCase supportCase) => new(
        supportCase.ErrorCode,
        PlatformNames.Describe(supportCase.Platform),
        supportCase.PlaybookTitle,
        [.. supportCase.LatestAnswerPerStep().Select(tried => new TriedStep(tried.Title, tried.Outcome))],
        supportCase.UserWords)
    {
        Files = [.. supportCase.Attachments.Select(file => file.Name)],
    };

    private string? StepTitle(GuideProgress guide, string stepId) =>
        (_library.TryGetRevision(guide.PlaybookId, guide.Revision, out var playbook) || _library.TryGetById(guide.PlaybookId, out playbook))
            ? playbook.Steps.FirstOrDefault(candidate => candidate.Id == stepId)?.Title
            : null;

    private static string Opening(EscalationReason reason) => reason switch
    {
        EscalationReason.StepsExhausted => "Those were all the steps I have for this, and Teams still won't sign in. Let's get the helpdesk on it.",
        EscalationReason.NoGuide => "I don't have a guide that fits, so let's pass this to the helpdesk with what you've told me.",
        EscalationReason.AdminOnly => "This one can only be fixed by your IT administrators, so let's pass it to the helpdesk.",
        EscalationReason.NotUnderstood => "Sorry, I'm not getting this right. Let's pass it to a person.",
        _ => "Sure, let's get you to a person.",
    };

    private static TicketStepOutcome ToTicketOutcome(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Fixed => TicketStepOutcome.Fixed,
        StepOutcome.Skipped => TicketStepOutcome.Skipped,
        StepOutcome.WentBack => TicketStepOutcome.WentBack,
        StepOutcome.AskedForPerson => TicketStepOutcome.AskedForPerson,
        _ => TicketStepOutcome.StillBroken,
    };

    private static string? Trimmed(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var trimmed && trimmed.Length > MaxContactLength ? trimmed[..MaxContactLength] : text.Trim();

    private static PromptValidation IsSendable(SupportCardSubmit submit)
    {
        if (submit.Action != SupportCardActions.Send)
        {
            return PromptValidation.Valid;
        }

        if (!submit.HasConsent)
        {
            return PromptValidation.Invalid(ConsentMissingMessage);
        }

        if (Trimmed(submit.ContactEmail) is { } email && !MailAddress.TryCreate(email, out _))
        {
            return PromptValidation.Invalid("That email address doesn't look right. Please check it, or leave the field empty.");
        }

        return Trimmed(submit.ContactPhone) is { } phone && !LooksLikePhone(phone)
            ? PromptValidation.Invalid("That phone number doesn't look right: digits, spaces, + - ( ) only, please. Or leave it empty.")
            : PromptValidation.Valid;
    }

    private static bool LooksLikePhone(string phone) =>
        phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.') && phone.Count(char.IsAsciiDigit) is >= 5 and <= 20;
}
