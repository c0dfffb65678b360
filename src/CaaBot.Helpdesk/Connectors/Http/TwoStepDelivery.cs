using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>
/// For systems where a delivery takes two requests (create the record, then attach the transcript: ServiceNow,
/// Jira Service Management): a record counts as delivered only once its transcript is attached, and a half-done
/// earlier attempt is finished instead of a second record being created.
/// </summary>
internal sealed class TwoStepDelivery(
    string connector,
    ILogger logger,
    Func<ExternalTicket, CancellationToken, Task<bool>> hasTranscriptAsync,
    Func<ExternalTicket, TicketTranscript, CancellationToken, Task> attachAsync)
{
    /// <summary><paramref name="existing"/> when its transcript is attached (the delivery is complete), else null.</summary>
    public async Task<ExternalTicket?> CompleteOrNullAsync(string number, ExternalTicket? existing, CancellationToken cancellationToken)
    {
        if (existing is null || !await hasTranscriptAsync(existing, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        ConnectorLog.TicketFound(logger, connector, number, existing.DisplayNumber);
        return existing;
    }

    /// <summary>Finishes an earlier attempt that created <paramref name="existing"/>; null when there was none (create it).</summary>
    public async Task<ExternalTicket?> ResumeOrNullAsync(string number, ExternalTicket? existing, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        if (existing is null)
        {
            return null;
        }

        if (!await hasTranscriptAsync(existing, cancellationToken).ConfigureAwait(false))
        {
            ConnectorLog.ResumingDelivery(logger, connector, number, existing.DisplayNumber);
            await attachAsync(existing, transcript, cancellationToken).ConfigureAwait(false);
        }

        ConnectorLog.TicketFound(logger, connector, number, existing.DisplayNumber);
        return existing;
    }
}
