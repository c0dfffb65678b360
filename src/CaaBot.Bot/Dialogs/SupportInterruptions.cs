using System.Globalization;
using CaaBot.Bot.FollowUps;
using CaaBot.Bot.Support;
using CaaBot.Bot.TicketUpdates;
using CaaBot.Conversations.Continuation;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Dialogs;

/// <summary>What the user can say at any point: help, cancel, start over, agent, back.</summary>
public static class SupportInterruptions
{
    public const string HelpText =
        "I walk you through fixing Teams sign-in errors, one step at a time. You can say:\n\n" +
        "- **agent**: pass this to a person at the helpdesk\n" +
        "- **back**: go back to the previous step\n" +
        "- **start over**: begin again with a new problem\n" +
        "- **resume code**: get a code to carry on from another device\n" +
        "- **status**: where your helpdesk ticket stands\n" +
        "- **cancel**: stop for now (I'll offer to carry on next time)";

    public const string AgentAlreadyMessage = "You're already on the way to the helpdesk: press Send on the summary below, or choose \"Not now\".";
    public const string NothingToGoBackToMessage = "There's no earlier step to go back to yet.";
    public const string BackToStepsMessage = "OK, back to the steps.";

    public const string NothingToContinueMessage = "There's nothing in progress to continue elsewhere yet. Once we're working through the steps, say \"resume code\" again.";
    public const string CodeNotValidMessage = "That code didn't work: it may have expired or been used already. On the other device, say \"resume code\" to get a new one.";
    public const string CodeThrottledMessage = "Too many wrong codes were tried just now, so I'm not accepting codes for a few minutes. Please try again shortly, or carry on here: say \"start over\" to begin again.";
    public const string CodeRedeemedMessage = "Got it. Let's carry on where you left off.";

    /// <summary>Said when a file arrives without words; the file itself is kept with the case by <see cref="SupportBot"/>.</summary>
    public const string FileKeptMessage = "Thanks, I've kept {0} with your case. If we need the helpdesk, they'll get it with everything else.";

    public const string NoTicketMessage = "You don't have a helpdesk ticket with me. If the steps don't fix it, say \"agent\" and I'll file one.";

    public static IReadOnlyList<Interruption> Create(TimeProvider timeProvider, ContinuationCodes continuationCodes, ITicketQueue tickets, FixFollowUps followUps, HelpdeskOutbox? outbox = null)
    {
        ArgumentNullException.ThrowIfNull(followUps);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(continuationCodes);
        ArgumentNullException.ThrowIfNull(tickets);
        return
        [
            Interruption.Help(HelpText),
            Interruption.Cancel("OK, I've stopped. Message me whenever you want to carry on; I'll remember where we were."),
            new Interruption(
                "startOver",
                ["start over", "restart", "start again", "begin again", "from the top", "reset", "new problem"],
                async (context, cancellationToken) =>
                {
                    if (SupportCases.Get(context.Context) is { } open)
                    {
                        SupportCases.Set(context.Context, open with { Status = CaseStatus.Closed }, timeProvider);
                    }

                    await context.Context.SendActivityAsync("Sure, let's start again.", cancellationToken);
                    return await context.RestartAsync(new SupportState(SupportIntent.Start) { EscalationReason = null }, cancellationToken);
                }),
            new Interruption(
                "agent",
                [
                    "agent", "talk to a person", "i need a person", "person", "human", "a human", "real person", "talk to someone",
                    "speak to someone", "speak to a person", "talk to a human", "helpdesk", "help desk", "service desk", "live agent",
                    "talk to an agent", "call me", "operator", "support person", "escalate",
                ],
                async (context, cancellationToken) =>
                {
                    if (context.Dialogs.ActiveDialog?.Id == EscalationDialog.SummaryPromptId)
                    {
                        await context.Context.SendActivityAsync(AgentAlreadyMessage, cancellationToken);
                        return await context.RepromptAsync(cancellationToken);
                    }

                    return await context.RestartAsync(new SupportState(SupportIntent.Escalate), cancellationToken);
                }),
            new Interruption(
                "back",
                ["back", "go back", "previous", "previous step", "undo"],
                async (context, cancellationToken) =>
                {
                    // On a step card "back" is one of the card's own answers.
                    if (context.Dialogs.ActiveDialog?.Id is GuidedFixDialog.StepPromptId)
                    {
                        return await context.PassToActiveDialogAsync(cancellationToken);
                    }

                    // From the escalation (or a fix being confirmed), back returns to the guide where it was.
                    if (SupportCases.Get(context.Context) is { Guide: { IsFinished: false } } open && open.Status != CaseStatus.Closed)
                    {
                        SupportCases.Set(context.Context, open with { Status = CaseStatus.Guiding }, timeProvider);
                        await context.Context.SendActivityAsync(BackToStepsMessage, cancellationToken);
                        return await context.RestartAsync(new SupportState(SupportIntent.Resume), cancellationToken);
                    }

                    await context.Context.SendActivityAsync(NothingToGoBackToMessage, cancellationToken);
                    return await context.RepromptAsync(cancellationToken);
                }),
            new Interruption(
                "continuationCode",
                [
                    "resume code", "continue elsewhere", "continue on another device", "continue on my phone", "switch device",
                    "switch devices", "code to continue", "give me a code", "continuation code", "move to another device",
                ],
                async (context, cancellationToken) =>
                {
                    if (SupportCases.Resumable(context.Context, timeProvider) is not { } open)
                    {
                        await context.Context.SendActivityAsync(NothingToContinueMessage, cancellationToken);
                        return await context.RepromptAsync(cancellationToken);
                    }

                    var code = await continuationCodes.IssueAsync(SupportCases.ToPayload(open), cancellationToken);
                    var minutes = (int)Math.Round((code.ExpiresAt - timeProvider.GetUtcNow()).TotalMinutes);
                    await context.Context.SendActivityAsync(
                        MessageFactory.Text(string.Create(
                            CultureInfo.InvariantCulture,
                            $"Your code is **{code.Code}**. On the other device, open CaaBot (in Teams or the intranet chat) and type it within {minutes} minutes. It works once.")),
                        cancellationToken);
                    return await context.RepromptAsync(cancellationToken);
                }),
            new Interruption(
                "ticketStatus",
                ["status", "ticket status", "my ticket", "where is my ticket", "wheres my ticket", "check my ticket", "ticket", "any news", "any update"],
                async (context, cancellationToken) =>
                {
                    // Only the user's own ticket: a typed number is never looked up, so nobody learns about another's case.
                    var ticket = SupportCases.Get(context.Context)?.TicketNumber is { } number ? await tickets.FindAsync(number, cancellationToken) : null;
                    var external = ticket is not null && outbox is not null && ticket.ExternalTickets.Count + outbox.Connectors.All.Count > 0
                        ? await outbox.ReadStatusAsync(ticket, cancellationToken)
                        : [];
                    await context.Context.SendActivityAsync(ticket is null ? NoTicketMessage : DescribeTicket(ticket, external), cancellationToken);
                    return await context.RepromptAsync(cancellationToken);
                }),
            new Interruption(
                "fileShared",
                (Activity message) => string.IsNullOrWhiteSpace(message.RemoveRecipientMention()) && !message.IsCardSubmit() && SharedFiles.In(message, timeProvider.GetUtcNow()).Count > 0,
                async (context, cancellationToken) =>
                {
                    var names = SharedFiles.In(context.Context.Activity, timeProvider.GetUtcNow()).Select(file => MarkdownText.Escape(file.Name));
                    await context.Context.SendActivityAsync(
                        MessageFactory.Text(string.Format(CultureInfo.InvariantCulture, FileKeptMessage, string.Join(", ", names))),
                        cancellationToken);

                    // Mid-flow the question on screen is asked again; a file as the first message starts the triage.
                    return context.HasActiveDialog
                        ? await context.RepromptAsync(cancellationToken)
                        : await context.RestartAsync(new SupportState(SupportIntent.Start), cancellationToken);
                }),
            new Interruption(
                "fixFollowUp",
                FixFollowUps.IsAnswer,
                async (context, cancellationToken) =>
                {
                    // The next-day check arrives outside any dialog; whatever was on screen stays where it was.
                    if (await followUps.RecordAnswerAsync(context.Context, cancellationToken) is not { } reopened)
                    {
                        return await context.RepromptAsync(cancellationToken);
                    }

                    if (reopened.Guide is { IsFinished: false })
                    {
                        await context.Context.SendActivityAsync(FixFollowUps.BrokeAgainMessage, cancellationToken);
                        return await context.RestartAsync(new SupportState(SupportIntent.Resume), cancellationToken);
                    }

                    // The escalation explains itself ("those were all the steps…") and shows the summary.
                    return await context.RestartAsync(new SupportState(SupportIntent.Escalate) { EscalationReason = EscalationReason.StepsExhausted }, cancellationToken);
                }),
            new Interruption(
                "redeemContinuationCode",
                text => ContinuationCodes.LooksLikeCode(text, out _),
                async (context, cancellationToken) =>
                {
                    ContinuationCodes.LooksLikeCode(context.Context.Activity.RemoveRecipientMention(), out var typed);
                    var requester = $"{context.Context.Activity.ChannelId}/{context.Context.Activity.From?.Id}";
                    var redemption = await continuationCodes.RedeemAsync(typed!, requester, cancellationToken);
                    if (redemption.Status == ContinuationRedemptionStatus.Redeemed && SupportCases.FromPayload(redemption.Payload.Span) is { Guide: not null } carried)
                    {
                        SupportCases.Set(context.Context, carried with { Status = CaseStatus.Guiding }, timeProvider);
                        await context.Context.SendActivityAsync(CodeRedeemedMessage, cancellationToken);
                        return await context.RestartAsync(new SupportState(SupportIntent.Resume), cancellationToken);
                    }

                    await context.Context.SendActivityAsync(
                        redemption.Status == ContinuationRedemptionStatus.Throttled ? CodeThrottledMessage : CodeNotValidMessage,
                        cancellationToken);
                    return await context.RepromptAsync(cancellationToken);
                }),
        ];
    }

    private static string DescribeTicket(Ticket ticket, IReadOnlyList<OutboxEntry> external)
    {
        // The helpdesk system's own status, when it has one, is more current than the built-in ticket's.
        var known = external.FirstOrDefault(entry => entry is { State: OutboxEntryState.Delivered, LastStatus: not null, External: not null });
        var state = TicketStatusWords.For(known?.LastStatus?.Status ?? ticket.Status);
        var where = known is { External: { } copy, LastStatus: { } status }
            ? string.Create(CultureInfo.InvariantCulture, $" ({MarkdownText.Escape(copy.DisplayNumber)} in the helpdesk system says \"{MarkdownText.Escape(status.SystemStatus)}\")")
            : string.Empty;
        var queued = external.Any(entry => entry.State == OutboxEntryState.Pending)
            ? " It is still on its way to the helpdesk system; I'll tell you when it arrives."
            : string.Empty;
        var reply = known?.LastStatus?.LatestPublicReply is { Length: > 0 } latest
            ? $" Latest reply from the helpdesk: \"{MarkdownText.Escape(latest.Length <= 500 ? latest : latest[..500] + "…")}\""
            : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Your ticket **{ticket.Number}** (filed {ticket.CreatedAt.UtcDateTime:d MMM yyyy, HH:mm} UTC) is {state}{where}. The {MarkdownText.Escape(ticket.Request.Group)} team has everything we tried.{queued}{reply}");
    }
}
