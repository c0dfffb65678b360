using System.Globalization;
using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>What the bot says to agents in the helpdesk channel. Names and lines people typed are escaped.</summary>
public static class AgentThreadMessages
{
    public const string PresenceHelp =
        "Say **@CaaBot available** here to be offered live chats, and **@CaaBot away** when you stop. A request arrives as a card: press *Take*, then reply in its thread. Say **hand back** or **close** in the thread when you're done.";

    public static string Taken(HandoffSession session) =>
        $"**{Name(session.Agent)}** took the chat. {Name(session.Agent)}'s replies in this thread go to {User(session)}; what {User(session)} writes appears here.";

    /// <summary>A line of the chat, for the thread: who said it, then what, as text.</summary>
    public static string Said(HandoffMessage line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return $"**{MarkdownText.Escape(line.Name)}:** {MarkdownText.Escape(line.Text)}";
    }

    public static string Ended(HandoffSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.End switch
        {
            HandoffEnd.Closed => $"{Name(session.Agent)} closed the chat. {User(session)} is asked for a rating.",
            HandoffEnd.HandedBack => $"{Name(session.Agent)} handed {User(session)} back to the bot.",
            HandoffEnd.UserLeft => $"{User(session)} left the chat. The ticket stays open.",
            _ => "The chat ended without an agent. The ticket stays open.",
        };
    }

    public static string Available(string agentName, TimeSpan lasting) => string.Create(
        CultureInfo.InvariantCulture,
        $"Thanks, {MarkdownText.Escape(agentName)}: users are offered a live chat while you're available (for {Hours(lasting)}, or until you say **away**).");

    public static string Away(string agentName) =>
        $"OK, {MarkdownText.Escape(agentName)}, you're away. Chats you already took stay yours.";

    public static string TakenByAnother(HandoffSession session) =>
        $"{Name(session.Agent)} already has this chat.";

    public static string NotYours(HandoffSession session) =>
        $"Sorry, {Name(session.Agent)} is chatting with {User(session)}: only {Name(session.Agent)} can reply or end the chat here, so that {User(session)} hears one voice.";

    public const string TakeFirst = "Take the chat first (the *Take* button on the card), so the user knows who they're talking to.";

    public const string AlreadyEnded = "This chat has ended; nothing more reaches the user from here.";

    public static string TooLong { get; } = string.Create(
        CultureInfo.InvariantCulture, $"That's too long to pass on in one message ({LiveHandoffDesk.MaxMessageLength:N0} characters at most). Please split it.");

    private static string Name(HandoffAgent? agent) => MarkdownText.Escape(agent?.DisplayName is { Length: > 0 } name ? name : "An agent");

    private static string User(HandoffSession session) => MarkdownText.Escape(session.UserName);

    private static string Hours(TimeSpan lasting) => lasting.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{lasting.TotalHours:0.#} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{lasting.TotalMinutes:0} minutes");
}
