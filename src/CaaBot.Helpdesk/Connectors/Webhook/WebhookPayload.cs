using CaaBot.Helpdesk.Connectors.Http;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>
/// The JSON the webhook connector POSTs, version 1 (<c>"type": "caabot.ticket.created", "version": 1</c>). Fields are
/// camelCase; absent values are null; times are ISO 8601 UTC; new fields may be added within a version, so receivers
/// must ignore fields they do not know. A breaking change gets a new <c>version</c>.
/// <code>
/// { "type": "caabot.ticket.created", "version": 1,
///   "ticket": { "number": "CAA-000042", "createdAt": "…", "errorCode": "0xCAA20003", "device": "Windows PC",
///               "playbookId": "…", "playbookTitle": "…", "group": "identity", "priority": "normal",
///               "steps": [ { "id": "…", "title": "…", "outcome": "stillBroken", "at": "…" } ],
///               "userWords": "…", "findings": [ "…" ],
///               "contact": { "name": "…", "email": "…", "phone": "…", "channelId": "msteams", "userId": "29:…" },
///               "attachments": [ { "name": "…", "contentType": "…", "url": "https://…", "sharedAt": "…" } ],
///               "correlationId": "…" },
///   "transcript": { "text": "…", "fileName": "conversation.transcript", "contentType": "application/json",
///                   "base64": "…" } }
/// </code>
/// Outcomes: <c>fixed</c>, <c>stillBroken</c>, <c>skipped</c>, <c>wentBack</c>, <c>askedForPerson</c>.
/// </summary>
public static class WebhookPayload
{
    public const string CreatedType = "caabot.ticket.created";
    public const int Version = 1;

    /// <summary>The UTF-8 body for <paramref name="ticket"/>: exactly the bytes that are signed and sent.</summary>
    public static byte[] Create(Ticket ticket, TicketTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var request = ticket.Request;
        var steps = new JsonArray();
        foreach (var step in request.Steps)
        {
            steps.Add(new JsonObject
            {
                ["id"] = step.StepId,
                ["title"] = step.Title,
                ["outcome"] = Outcome(step.Outcome),
                ["at"] = step.At.ToUniversalTime(),
            });
        }

        var attachments = new JsonArray();
        foreach (var attachment in request.Attachments)
        {
            attachments.Add(new JsonObject
            {
                ["name"] = attachment.Name,
                ["contentType"] = attachment.ContentType,
                ["url"] = attachment.ContentUrl,
                ["sharedAt"] = attachment.SharedAt.ToUniversalTime(),
            });
        }

        var findings = new JsonArray();
        foreach (var finding in request.Findings)
        {
            findings.Add(finding);
        }

        var body = new JsonObject
        {
            ["type"] = CreatedType,
            ["version"] = Version,
            ["ticket"] = new JsonObject
            {
                ["number"] = ticket.Number,
                ["createdAt"] = ticket.CreatedAt.ToUniversalTime(),
                ["errorCode"] = request.ErrorCode,
                ["device"] = request.Device,
                ["playbookId"] = request.PlaybookId,
                ["playbookTitle"] = request.PlaybookTitle,
                ["group"] = request.Group,
                ["priority"] = request.Priority,
                ["steps"] = steps,
                ["userWords"] = request.UserWords,
                ["findings"] = findings,
                ["contact"] = new JsonObject
                {
                    ["name"] = request.Requester.Name,
                    ["email"] = request.Requester.ContactEmail,
                    ["phone"] = request.Requester.ContactPhone,
                    ["channelId"] = request.Requester.ChannelId,
                    ["userId"] = request.Requester.UserId,
                },
                ["attachments"] = attachments,
                ["correlationId"] = request.CorrelationId,
            },
            ["transcript"] = new JsonObject
            {
                ["text"] = transcript.Text,
                ["fileName"] = TicketTranscript.FileName,
                ["contentType"] = "application/json",
                ["base64"] = Convert.ToBase64String(transcript.TranscriptJson.Span),
            },
        };
        return JsonBody.ToUtf8(body);
    }

    public static string Outcome(TicketStepOutcome outcome) => outcome switch
    {
        TicketStepOutcome.Fixed => "fixed",
        TicketStepOutcome.StillBroken => "stillBroken",
        TicketStepOutcome.Skipped => "skipped",
        TicketStepOutcome.WentBack => "wentBack",
        TicketStepOutcome.AskedForPerson => "askedForPerson",
        _ => outcome.ToString(),
    };
}
