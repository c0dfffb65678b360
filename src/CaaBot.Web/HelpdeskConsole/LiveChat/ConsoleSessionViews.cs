using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Web.HelpdeskConsole.LiveChat;

/// <summary>A row of the console's queue.</summary>
internal sealed record QueueEntryView(
    string Id, string State, string UserName, string TicketNumber, string? ErrorCode, string Device, string? Playbook,
    string Priority, DateTimeOffset RequestedAt, string? AgentName, bool Mine)
{
    public static QueueEntryView Of(HandoffSession session, HandoffAgent agent) => new(
        session.Id,
        session.State.ToString().ToLowerInvariant(),
        session.UserName,
        session.TicketNumber,
        session.Request.ErrorCode,
        session.Request.Device,
        session.Request.PlaybookTitle,
        session.Request.Priority,
        session.RequestedAt,
        session.Agent?.DisplayName,
        session.Agent?.Id == agent.Id);
}

internal sealed record StepView(string Title, string Outcome, DateTimeOffset At);

internal sealed record MessageView(long Sequence, string From, string Name, string Text, DateTimeOffset At);

/// <summary>Everything the agent sees of one chat: the summary, the bot conversation so far and the live chat.</summary>
internal sealed record SessionView(
    QueueEntryView Entry,
    string? UserWords,
    IReadOnlyList<StepView> Steps,
    IReadOnlyList<string> Findings,
    IReadOnlyList<string> Files,
    string? ContactEmail,
    string? ContactPhone,
    IReadOnlyList<ConsoleLine> Transcript,
    IReadOnlyList<MessageView> Messages);

internal sealed record SayRequest(string? Text);

internal sealed record ConsoleError(string Error);

/// <summary>The queue, and whether users are offered live chat at all right now (business hours).</summary>
internal sealed record QueueView(bool LiveChatOpen, IReadOnlyList<QueueEntryView> Entries);
