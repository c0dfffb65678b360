using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;

namespace CaaBot.Helpdesk.Handoff;

/// <summary>Where a live chat stands: waiting for an agent, with an agent, or over.</summary>
public enum HandoffState
{
    Waiting,
    Active,
    Ended,
}

/// <summary>How a live chat ended.</summary>
public enum HandoffEnd
{
    /// <summary>The agent gave the conversation back to the bot (the case may go on).</summary>
    HandedBack,

    /// <summary>The agent closed the chat; the user is offered a rating.</summary>
    Closed,

    /// <summary>The user ended the chat themselves.</summary>
    UserLeft,

    /// <summary>Nobody could take it (an agent hub said so); the ticket stands.</summary>
    Failed,
}

/// <summary>Where the agent answers from.</summary>
public enum AgentChannel
{
    Console,
    Teams,

    /// <summary>An external agent hub that understood <c>handoff.initiate</c>.</summary>
    Hub,
}

/// <summary>Who took a chat, as the user is told (<see cref="DisplayName"/>) and as the console and logs know them (<see cref="Id"/>).</summary>
public sealed record HandoffAgent(string Id, string DisplayName, AgentChannel Via);

public enum HandoffSpeaker
{
    User,
    Agent,

    /// <summary>Notices of the chat itself ("Alex joined"), shown to both sides.</summary>
    System,
}

/// <summary>One line of the live chat, as typed (escaped wherever it is shown).</summary>
public sealed record HandoffMessage(HandoffSpeaker From, string Name, string Text, DateTimeOffset At);

/// <summary>
/// A user waiting for, or chatting with, a person. <see cref="Request"/> is the ticket's content (code, device, steps
/// tried, the user's words), so the agent sees everything without asking again.
/// </summary>
public sealed record HandoffSession(string Id, string TicketNumber, TicketRequest Request, DateTimeOffset RequestedAt)
{
    public HandoffState State { get; init; } = HandoffState.Waiting;

    public HandoffAgent? Agent { get; init; }

    public DateTimeOffset? TakenAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public HandoffEnd? End { get; init; }

    /// <summary>The bot conversation's transcript stream and its last entry when the chat was requested: what the agent reads first.</summary>
    public string? TranscriptStream { get; init; }

    public long TranscriptUpTo { get; init; }

    /// <summary>The Teams helpdesk channel thread the escalation card was posted in, when agents work from Teams.</summary>
    public ConversationReference? AgentThread { get; init; }

    /// <summary>Id of the escalation card in <see cref="AgentThread"/>, to update it when the chat is taken or ends.</summary>
    public string? AgentCardActivityId { get; init; }

    public bool IsOpen => State != HandoffState.Ended;

    /// <summary>What the user is called in the console: the name the channel gave, else a neutral word.</summary>
    public string UserName => Request.Requester.Name is { Length: > 0 } name ? name : "User";
}

/// <summary>What changed in a live chat, as the observers (the user's side, a Teams helpdesk channel) hear it.</summary>
public enum HandoffChangeKind
{
    Requested,
    Taken,
    UserMessage,
    AgentMessage,
    Ended,
}

/// <summary>A change with the session as it is after it, and the message when the change is one.</summary>
public sealed record HandoffChange(HandoffChangeKind Kind, HandoffSession Session, HandoffMessage? Message = null, long MessageSequence = 0);
