namespace CaaBot.Bot.LiveChat;

/// <summary>
/// Kept in conversation state while the conversation is with (or waiting for) a person: the user's messages go to
/// the agent instead of the dialogs. After an agent closes the chat it stays a moment longer, for the rating.
/// </summary>
public sealed record LiveChatLink(string SessionId)
{
    /// <summary>Set once the user was told they are still waiting, so they are not told at every message.</summary>
    public bool ToldWaiting { get; init; }

    /// <summary>The agent closed the chat and the rating card is out; holds who the rating is for.</summary>
    public string? RatingFor { get; init; }
}
