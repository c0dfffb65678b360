namespace CaaBot.Conversations.State;

/// <summary>Which state document a property lives in.</summary>
public enum StateScope
{
    /// <summary>One document per conversation: the dialog stack and whatever the current session needs.</summary>
    Conversation,

    /// <summary>One document per person: follows them across conversations (and, with a key mapping, channels).</summary>
    User,
}
