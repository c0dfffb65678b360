using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Bot.TicketUpdates;

/// <summary>How the bot words news about a ticket. Everything that came from a helpdesk system is escaped.</summary>
public static class TicketNewsMessages
{
    /// <summary>Longest helpdesk reply quoted in chat; the rest stays in the helpdesk system.</summary>
    public const int MaxQuotedReplyLength = 1_000;

    public static string For(TicketNews news)
    {
        ArgumentNullException.ThrowIfNull(news);
        var ticket = news.ExternalNumber is { Length: > 0 } external
            ? $"**{MarkdownText.Escape(external)}** (CaaBot {MarkdownText.Escape(news.TicketNumber)})"
            : $"**{MarkdownText.Escape(news.TicketNumber)}**";
        return news.Kind switch
        {
            TicketUpdateKind.Delivered =>
                $"Your ticket is now with the helpdesk as {ticket}. You don't need to do anything; I'll tell you when it changes.",
            TicketUpdateKind.DeliveryFailed =>
                $"I couldn't hand your ticket {ticket} to the helpdesk system, so an admin is looking into it. Your ticket and everything we tried are safe; nothing needs repeating.",
            _ => StatusChanged(ticket, news),
        };
    }

    private static string StatusChanged(string ticket, TicketNews news)
    {
        var state = news.Status is { } status ? TicketStatusWords.For(status) : "updated";
        var text = $"Update on your ticket {ticket}: it is now {state}.";
        if (news.LatestReply is { Length: > 0 } reply)
        {
            var quoted = reply.Length > MaxQuotedReplyLength ? reply[..MaxQuotedReplyLength] + "…" : reply;
            // Escaped line by line (escaping flattens line breaks), each line quoted.
            var lines = quoted.ReplaceLineEndings("\n").Split('\n').Select(MarkdownText.Escape);
            text += "\n\nThe helpdesk wrote:\n\n> " + string.Join("\n> ", lines);
        }

        return text;
    }
}
