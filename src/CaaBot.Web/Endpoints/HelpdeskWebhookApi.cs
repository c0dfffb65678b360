using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Webhook;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Web.Endpoints;

/// <summary>
/// <c>POST /api/helpdesk/status</c>: a helpdesk system pushes a signed status change (see
/// <see cref="InboundStatusUpdate"/> and <see cref="WebhookSignature"/>). Answers 202 once the update is passed to
/// <see cref="ITicketUpdates"/>; 401 for a missing, wrong, stale or replayed signature; 400 for a signed body that is
/// not a status payload; 413 over the size limit; 404 when the inbound webhook is not configured or the ticket number
/// is unknown; 503 (and the signature is forgotten, so an identical retry is accepted) when the update could not be
/// passed on. Responses say nothing about why a signature failed.
/// </summary>
public static class HelpdeskWebhookApi
{
    public const string Path = "/api/helpdesk/status";

    /// <summary>The <see cref="ExternalTicket.Connector"/> name pushed updates are reported under.</summary>
    public const string ConnectorName = "webhook";

    public static IEndpointRouteBuilder MapHelpdeskWebhookApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, ITicketQueue queue, CancellationToken cancellationToken)
    {
        var verifier = context.RequestServices.GetService<HelpdeskWebhookVerifier>();
        if (verifier is null)
        {
            return TypedResults.NotFound();
        }

        var body = await ReadAtMostAsync(context.Request.Body, verifier.MaxBodyBytes + 1, cancellationToken);
        var signature = context.Request.Headers[WebhookSignature.SignatureHeader].ToString();
        var result = verifier.Verify(context.Request.Headers[WebhookSignature.TimestampHeader].ToString(), signature, body);
        if (result.Outcome == WebhookVerificationOutcome.TooLarge)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.");
        }

        if (result.Outcome == WebhookVerificationOutcome.InvalidPayload)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a CaaBot status payload (version 1).", detail: result.Reason);
        }

        if (!result.IsAccepted)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The signature was not accepted.");
        }

        var update = result.Update!;
        var ticket = await queue.FindAsync(update.TicketNumber, cancellationToken);
        if (ticket is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such ticket.");
        }

        var updates = context.RequestServices.GetService<ITicketUpdates>();
        var external = new ExternalTicket(
            ConnectorName,
            update.ExternalId ?? ticket.Number,
            update.ExternalNumber ?? update.ExternalId ?? ticket.Number,
            null);
        try
        {
            if (updates is null)
            {
                throw new InvalidOperationException("No ITicketUpdates is registered to pass status changes to users.");
            }

            // The built-in ticket mirrors what the helpdesk system says, as it does for polled statuses, so "status"
            // answers the same whichever way the news arrived.
            if (context.RequestServices.GetService<BuiltInTicketQueue>() is { } builtIn)
            {
                ticket = await builtIn.RecordStatusAsync(ticket.Number, update.Status.Status, cancellationToken) ?? ticket;
            }

            await updates.PublishAsync(new TicketUpdate(ticket, TicketUpdateKind.StatusChanged, external, update.Status), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            verifier.Forget(signature);
            HelpdeskWebhookLog.PublishFailed(context.RequestServices.GetRequiredService<ILogger<HelpdeskWebhookVerifier>>(), exception, ticket.Number);
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The update could not be passed on; try again later.");
        }

        return TypedResults.Accepted((string?)null, new StatusAccepted(ticket.Number));
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record StatusAccepted(string TicketNumber);
}
