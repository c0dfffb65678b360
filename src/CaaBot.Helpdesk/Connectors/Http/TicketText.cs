using System.Globalization;
using System.Text;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>
/// The ticket as text for a helpdesk system's summary and description fields. Plain text by default; a system
/// that renders markup passes its own escaping (<see cref="TextMarkup"/>), so nothing a user typed becomes markup.
/// </summary>
internal static class TicketText
{
    private const string Ellipsis = " … [truncated]";
    private const string TranscriptCut = "… [the rest is in the attached " + TicketTranscript.FileName + "]";

    /// <summary><c>[CAA-000042] Teams sign-in 0xCAA20003 on Windows PC</c>, cut to <paramref name="max"/> characters.</summary>
    public static string Summary(Ticket ticket, int max)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var request = ticket.Request;
        var what = request.ErrorCode is { Length: > 0 } code ? "Teams sign-in " + code : "Teams sign-in problem";
        var text = $"{Tag(ticket)} {what} on {OneLine(request.Device)}";
        return Cut(text, max);
    }

    /// <summary>The tag every summary starts with; Jira's look-up searches for it.</summary>
    public static string Tag(Ticket ticket) => "[" + ticket.Number + "]";

    /// <summary>Everything an agent needs, then the conversation; at most <paramref name="max"/> characters (the conversation is cut first).</summary>
    public static string Description(Ticket ticket, TicketTranscript transcript, int max, TextMarkup markup)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var request = ticket.Request;
        var inline = markup.Inline;
        var text = new StringBuilder();
        Line(text, $"CaaBot ticket {inline(ticket.Number)}, created {Time(ticket.CreatedAt)}");
        Line(text, "Error code: " + inline(request.ErrorCode ?? "none given"));
        Line(text, "Device: " + inline(request.Device));
        if (request.PlaybookId is not null || request.PlaybookTitle is not null)
        {
            Line(text, "Guide: " + inline(string.Join(" – ", new[] { request.PlaybookId, request.PlaybookTitle }.Where(part => !string.IsNullOrWhiteSpace(part)))));
        }

        Line(text, "Helpdesk group: " + inline(request.Group));
        Line(text, "Priority: " + inline(request.Priority));
        Line(text, "Requester: " + inline(request.Requester.Name ?? "(no name given)"));
        if (request.Requester.ContactEmail is { Length: > 0 } email)
        {
            Line(text, "Email: " + inline(email));
        }

        if (request.Requester.ContactPhone is { Length: > 0 } phone)
        {
            Line(text, "Phone: " + inline(phone));
        }

        Line(text, $"Channel: {inline(request.Requester.ChannelId)}, user id {inline(request.Requester.UserId)}");
        if (request.CorrelationId is { Length: > 0 } correlation)
        {
            Line(text, "Correlation id: " + inline(correlation));
        }

        text.Append('\n');
        Line(text, "What the user said:");
        Line(text, markup.Block(string.IsNullOrWhiteSpace(request.UserWords) ? "(nothing typed)" : request.UserWords));

        text.Append('\n');
        Line(text, request.Steps.Count == 0 ? "Steps tried: none" : "Steps tried:");
        var number = 1;
        foreach (var step in request.Steps)
        {
            Line(text, $"{number++}. {inline(step.Title)} – {Outcome(step.Outcome)} ({Time(step.At)})");
        }

        if (request.Findings.Count > 0)
        {
            text.Append('\n');
            Line(text, "Found by the bot:");
            foreach (var finding in request.Findings)
            {
                Line(text, "- " + inline(finding));
            }
        }

        if (request.Attachments.Count > 0)
        {
            text.Append('\n');
            Line(text, "Files the user shared:");
            foreach (var attachment in request.Attachments)
            {
                Line(text, $"- {inline(attachment.Name)} ({inline(attachment.ContentType)}, {Time(attachment.SharedAt)}): {markup.Link(attachment.ContentUrl)}");
            }
        }

        text.Append('\n');
        Line(text, "Conversation:");
        var head = text.ToString();
        var conversation = string.IsNullOrWhiteSpace(transcript.Text) ? "(no transcript)" : transcript.Text;
        var whole = head + markup.Block(conversation);
        if (whole.Length <= max)
        {
            return whole;
        }

        // Escaping can lengthen the text (a typed "{noformat}" gains a character), so shrink until the result fits.
        var room = max - head.Length - markup.Block(string.Empty).Length - TranscriptCut.Length;
        while (room > 200)
        {
            var cut = head + markup.Block(conversation[..SafeCut(conversation, room)] + TranscriptCut);
            if (cut.Length <= max)
            {
                return cut;
            }

            room -= cut.Length - max;
        }

        // Even the facts do not fit (a small limit, very long user text): the plain text, cut, as one inert block, so
        // a block of user text is never left open for markup to follow.
        var plain = ReferenceEquals(markup, TextMarkup.Plain) ? whole : Description(ticket, transcript, int.MaxValue, TextMarkup.Plain);
        var budget = max - markup.Block(string.Empty).Length;
        while (budget > 0)
        {
            var block = markup.Block(Cut(plain, budget));
            if (block.Length <= max)
            {
                return block;
            }

            budget -= block.Length - max;
        }

        return string.Empty;
    }

    public static string Outcome(TicketStepOutcome outcome) => TicketSummary.Outcome(outcome);

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Cut(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..SafeCut(text, max - Ellipsis.Length)] + Ellipsis;
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    /// <summary>A cut position that never splits a surrogate pair.</summary>
    private static int SafeCut(string text, int length)
    {
        length = Math.Clamp(length, 0, text.Length);
        return length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
    }
}
