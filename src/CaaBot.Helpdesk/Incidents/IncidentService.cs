using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>
/// Turns a burst of escalations with one error code into one incident ticket. Each escalation is first offered here:
/// while an incident for its code is open, the person is linked to it (appended to the incident's link stream) instead
/// of getting a ticket of their own. Otherwise the escalation is appended to the code's report stream; when the last
/// <see cref="IncidentOptions.Threshold"/> reports there all fall within <see cref="IncidentOptions.Window"/>, the
/// incident is opened: one ticket, filed through the outbox like any other (so external systems get exactly one), and
/// every report in the window (including those filed on their own before) is linked to it.
/// </summary>
/// <remarks>
/// Correct with several instances on one store without locks: reports and links are stream appends (no writer ever
/// loses one); everyone who reaches the threshold files the incident ticket under the same request id, which the queue
/// makes one ticket; the code's state document is written only to open and resolve, by ETag. A link is confirmed by
/// re-reading the state after appending, so a person is never told they joined an incident that was resolved before
/// their link could be seen by <see cref="ResolveAsync"/>.
/// </remarks>
public sealed class IncidentService(
    IncidentRecords records,
    IDocumentStore documents,
    IStreamStore streams,
    ITicketQueue tickets,
    IncidentOptions options,
    TimeProvider timeProvider,
    ILogger<IncidentService> logger,
    HelpdeskOutbox? outbox = null)
{
    // Each round that does not end means the code's state moved (opened or resolved) meanwhile; a few always suffice.
    private const int MaxRounds = 8;

    private readonly IncidentRecords _records = records ?? throw new ArgumentNullException(nameof(records));
    private readonly IDocumentStore _documents = documents ?? throw new ArgumentNullException(nameof(documents));
    private readonly IStreamStore _streams = streams ?? throw new ArgumentNullException(nameof(streams));
    private readonly ITicketQueue _tickets = tickets ?? throw new ArgumentNullException(nameof(tickets));
    private readonly IncidentOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    private readonly HelpdeskOutbox? _outbox = outbox;

    public IncidentOptions Options => _options;

    /// <summary>
    /// Offers an escalation: the incident it joined (the caller files nothing of its own then), or null when it is to
    /// be filed as its own ticket (incidents off, no code, or no burst). Safe to repeat for one case (a retried turn):
    /// the person is linked once as far as every reader is concerned.
    /// </summary>
    public async Task<OpenIncident?> ReportAsync(TicketRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_options.Enabled || IncidentCodes.Normalize(request.ErrorCode) is not { } code)
        {
            return null;
        }

        request = TicketRequestNormalizer.Normalize(request, []);
        for (var round = 1; round <= MaxRounds; round++)
        {
            var state = await _records.ReadStateAsync(code, cancellationToken);
            var now = _timeProvider.GetUtcNow();
            if (state?.Value.Open is { } open)
            {
                if (await JoinAsync(code, open, request, now, cancellationToken))
                {
                    return open;
                }

                continue; // resolved meanwhile: count this report towards the next incident
            }

            var generation = state?.Value.Generation ?? 1;
            var reports = IncidentKeys.Reports(code, generation);
            var sequence = await _streams.AppendAsync(reports, IncidentReport.From(request, now, joined: false), IncidentJsonContext.Default.IncidentReport, cancellationToken);
            if (!await ThresholdReachedAsync(reports, sequence, now, cancellationToken))
            {
                return null;
            }

            if (await OpenAsync(code, generation, state, request, now, cancellationToken) is { } opened)
            {
                return opened;
            }
        }

        // The state kept moving under us (an incident opened and resolved within these rounds): file on its own.
        return null;
    }

    private async Task<bool> JoinAsync(string code, OpenIncident open, TicketRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _streams.AppendAsync(IncidentKeys.Links(open.Number), IncidentReport.From(request, now, joined: true), IncidentJsonContext.Default.IncidentReport, cancellationToken);

        // Still open after the append: whoever resolves it closes the state first and reads the links after, so sees this one.
        return await _records.ReadStateAsync(code, cancellationToken) is { Value.Open.Number: var number } && number == open.Number;
    }

    /// <summary>Whether the last <see cref="IncidentOptions.Threshold"/> reports up to <paramref name="sequence"/> all fall within the window.</summary>
    private async Task<bool> ThresholdReachedAsync(string reports, long sequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (sequence < _options.Threshold)
        {
            return false;
        }

        var last = await _streams.ReadAsync(reports, sequence - _options.Threshold, 1, cancellationToken);
        return last.Count == 1 && _records.TryRead(last[0]) is { } oldest && oldest.ReportedAt >= now - _options.Window;
    }

    /// <summary>Files the incident ticket (the same one for every caller of one generation) and opens it; null when another caller changed the state first.</summary>
    private async Task<OpenIncident?> OpenAsync(
        string code, int generation, Versioned<IncidentCodeState>? state, TicketRequest trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inWindow = await InWindowAsync(IncidentKeys.Reports(code, generation), now, cancellationToken);
        var request = IncidentTicket.Request(IncidentKeys.RequestId(code, generation), trigger, inWindow, _options);
        var ticket = _outbox is null
            ? await _tickets.SubmitAsync(request, cancellationToken)
            : (await _outbox.FileAsync(request, transcriptStream: null, cancellationToken)).Ticket;
        try
        {
            await _documents.WriteAsync(
                IncidentKeys.Ticket(ticket.Number),
                new IncidentTicketIndex(ticket.Number, code, generation, now),
                IncidentJsonContext.Default.IncidentTicketIndex,
                WritePrecondition.MustNotExist,
                cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another caller of this generation indexed it first: the same ticket.
        }

        var open = new OpenIncident(ticket.Number, code, generation, now);
        try
        {
            await _documents.WriteAsync(
                IncidentKeys.State(code),
                new IncidentCodeState(code, generation, open),
                IncidentJsonContext.Default.IncidentCodeState,
                state is null ? WritePrecondition.MustNotExist : WritePrecondition.IfMatch(state.ETag),
                cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            return null; // opened (or resolved) by another caller: the next round joins or starts over
        }

        IncidentLog.Opened(_logger, ticket.Number, code, inWindow.Count, _options.Window);

        // Everyone in the window is linked, the earlier ones (who have tickets of their own) as not joined.
        var links = IncidentKeys.Links(ticket.Number);
        foreach (var report in inWindow)
        {
            await _streams.AppendAsync(links, report, IncidentJsonContext.Default.IncidentReport, cancellationToken);
        }

        await JoinAsync(code, open, trigger, now, cancellationToken);
        return open;
    }

    private async Task<List<IncidentReport>> InWindowAsync(string reports, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windowStart = now - _options.Window;
        var all = await _records.ReadAllAsync(reports, cancellationToken);
        return [.. all.Where(report => report.ReportedAt >= windowStart)];
    }

}
