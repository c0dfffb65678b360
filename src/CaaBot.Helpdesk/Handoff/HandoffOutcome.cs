namespace CaaBot.Helpdesk.Handoff;

/// <summary>What became of an agent's or a user's action on a live chat.</summary>
public enum HandoffOutcome
{
    Done,
    NotFound,

    /// <summary>Another agent took it first.</summary>
    TakenByAnother,

    /// <summary>Only the agent who took the chat speaks in it or ends it.</summary>
    NotYours,

    /// <summary>Not taken yet: take it first.</summary>
    NotTaken,

    AlreadyEnded,

    /// <summary>Empty or too long text.</summary>
    Invalid,
}
