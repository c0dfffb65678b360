using System.Globalization;
using System.Text;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors;

/// <summary>
/// The ticket as plain text for an agent, the same in every system: subject line with our number as a tag, then
/// error code, device, category and priority, requester and contact details, correlation id, the user's words,
/// each step with its outcome and time, findings, shared files, and the conversation. Plain text only: connectors
/// send it as <c>text/plain</c> (or escape it), so nothing the user typed can become markup.
/// </summary>
public static class TicketSummary
{
    /// <summary>The tag that starts every subject, e.g. <c>[CAA-000042]</c>: how a repeated delivery finds the ticket again.</summary>
    public static string Tag(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return $"[{ticket.Number}]";
    }

    /// <summary><c>[CAA-000042] 0xCAA20003: Teams sign-in fails (Windows PC)</c>, on one line, at most 200 characters.</summary>
    public static string Subject(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var request = ticket.Request;
        var what = request.PlaybookTitle ?? "Teams sign-in problem";
        var subject = request.ErrorCode is { } code
            ? $"{Tag(ticket)} {code}: {what} ({request.Device})"
            : $"{Tag(ticket)} {what} ({request.Device})";
        subject = subject.ReplaceLineEndings(" ");
        return subject.Length <= 200 ? subject : subject[..200];
    }

    /// <summary>The readable body: everything an agent needs, then the conversation's text.</summary>
    public static string Body(Ticket ticket, TicketTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var request = ticket.Request;
        var text = new StringBuilder();
        Line(text, $"CaaBot ticket {ticket.Number}, filed {Time(ticket.CreatedAt)}");
        text.Append('\n');
        Line(text, $"Error code: {request.ErrorCode ?? "none given"}");
        Line(text, $"Device: {request.Device}");
        if (request.PlaybookTitle is { } title)
        {
            Line(text, $"Guide: {title}{(request.PlaybookId is { } id ? $" ({id})" : string.Empty)}");
        }

        Line(text, $"Category: {request.Group}");
        Line(text, $"Priority: {request.Priority}");
        Line(text, $"Requester: {request.Requester.Name ?? "(no name)"} ({request.Requester.ChannelId} user {request.Requester.UserId})");
        Line(text, $"Contact email: {request.Requester.ContactEmail ?? "not given"}");
        Line(text, $"Contact phone: {request.Requester.ContactPhone ?? "not given"}");
        Line(text, $"Correlation id: {request.CorrelationId ?? "none"}");
        text.Append('\n');
        text.Append("In the user's words:\n");
        text.Append(Indent(string.IsNullOrWhiteSpace(request.UserWords) ? "(nothing typed)" : request.UserWords)).Append('\n');
        text.Append('\n');
        text.Append("Steps tried:\n");
        if (request.Steps.Count == 0)
        {
            text.Append("  none\n");
        }

        for (var i = 0; i < request.Steps.Count; i++)
        {
            var step = request.Steps[i];
            Line(text, $"  {i + 1}. {Time(step.At)}  {step.Title}: {Outcome(step.Outcome)}");
        }

        if (request.Findings.Count > 0)
        {
            text.Append("\nFindings:\n");
            foreach (var finding in request.Findings)
            {
                Line(text, $"  - {finding}");
            }
        }

        if (request.Attachments.Count > 0)
        {
            text.Append("\nFiles the user shared:\n");
            foreach (var file in request.Attachments)
            {
                Line(text, $"  - {file.Name} ({file.ContentType}, {Time(file.SharedAt)}): {file.ContentUrl}");
            }
        }

        text.Append("\nConversation:\n");
        text.Append(string.IsNullOrEmpty(transcript.Text) ? "(no transcript)\n" : transcript.Text);
        return text.ToString();
    }

    public static string Outcome(TicketStepOutcome outcome) => outcome switch
    {
        TicketStepOutcome.Fixed => "fixed it",
        TicketStepOutcome.StillBroken => "still broken",
        TicketStepOutcome.Skipped => "skipped",
        TicketStepOutcome.WentBack => "went back",
        TicketStepOutcome.AskedForPerson => "asked for a person",
        _ => outcome.ToString(),
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line) => text.Append(line.ReplaceLineEndings(" ")).Append('\n');

    private static string Indent(string text) => "  " + text.ReplaceLineEndings("\n  ");
}
