using System.Text.Json;
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
    IDocumentStore documents,
    IStreamStore streams,
    ITicketQueue tickets,
    IncidentOptions options,
    TimeProvider timeProvider,
    ILogger<IncidentService> logger,
    HelpdeskOutbox? outbox = null)
{
    private const int PageSize = 500;

    // Each round that does not end means the code's state moved (opened or resolved) meanwhile; a few always suffice.
    private const int MaxRounds = 8;

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
            var state = await ReadStateAsync(code, cancellationToken);
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

    /// <summary>The open incident for <paramref name="errorCode"/>, if any: for a heads-up before the person even starts.</summary>
    public async Task<OpenIncident?> FindOpenAsync(string? errorCode, CancellationToken cancellationToken) =>
        _options.Enabled && IncidentCodes.Normalize(errorCode) is { } code && await ReadStateAsync(code, cancellationToken) is { Value.Open: { } open }
            ? open
            : null;

    /// <summary>The incident whose ticket is <paramref name="number"/>, with everyone linked to it; null when that ticket is no incident.</summary>
    public async Task<Incident?> ReadAsync(string number, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        if (await _documents.ReadAsync(IncidentKeys.Ticket(number), IncidentJsonContext.Default.IncidentTicketIndex, cancellationToken) is not { Value: var index })
        {
            return null;
        }

        var state = await ReadStateAsync(index.Code, cancellationToken);
        var isOpen = state?.Value.Open?.Number == number;
        return new Incident(index.Number, index.Code, index.Generation, index.OpenedAt, isOpen, await AffectedAsync(number, cancellationToken));
    }

    /// <summary>
    /// Closes the incident whose ticket is <paramref name="number"/> (its ticket was resolved) and returns it with everyone
    /// linked, to be told; later reports of the code count towards a new incident. Null when that ticket is no incident.
    /// Repeating it returns the same people again (the caller's messages are idempotent).
    /// </summary>
    public async Task<Incident?> ResolveAsync(string number, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        if (await _documents.ReadAsync(IncidentKeys.Ticket(number), IncidentJsonContext.Default.IncidentTicketIndex, cancellationToken) is not { Value: var index })
        {
            return null;
        }

        // Closed first, then the links read: a link confirmed before the close is in what is read below.
        var closed = await _documents.UpdateAsync(
            IncidentKeys.State(index.Code),
            current => current?.Value is { Open.Number: var openNumber } open && openNumber == number
                ? open with { Open = null, Generation = index.Generation + 1 }
                : current?.Value ?? new IncidentCodeState(index.Code, index.Generation + 1, null),
            IncidentJsonContext.Default.IncidentCodeState,
            cancellationToken);
        var affected = await AffectedAsync(number, cancellationToken);
        IncidentLog.Resolved(_logger, number, index.Code, affected.Count);
        return new Incident(index.Number, index.Code, index.Generation, index.OpenedAt, closed.Value.Open?.Number == number, affected);
    }

    private async Task<bool> JoinAsync(string code, OpenIncident open, TicketRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _streams.AppendAsync(IncidentKeys.Links(open.Number), IncidentReport.From(request, now, joined: true), IncidentJsonContext.Default.IncidentReport, cancellationToken);

        // Still open after the append: whoever resolves it closes the state first and reads the links after, so sees this one.
        return await ReadStateAsync(code, cancellationToken) is { Value.Open.Number: var number } && number == open.Number;
    }

    /// <summary>Whether the last <see cref="IncidentOptions.Threshold"/> reports up to <paramref name="sequence"/> all fall within the window.</summary>
    private async Task<bool> ThresholdReachedAsync(string reports, long sequence, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (sequence < _options.Threshold)
        {
            return false;
        }

        var last = await _streams.ReadAsync(reports, sequence - _options.Threshold, 1, cancellationToken);
        return last.Count == 1 && TryRead(last[0]) is { } oldest && oldest.ReportedAt >= now - _options.Window;
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
        var all = await ReadAllAsync(reports, cancellationToken);
        return [.. all.Where(report => report.ReportedAt >= windowStart)];
    }

    /// <summary>Everyone linked to the incident, once per case: the joined record when there is one (it is the latest), otherwise the earlier report.</summary>
    private async Task<IReadOnlyList<IncidentReport>> AffectedAsync(string number, CancellationToken cancellationToken)
    {
        var byCase = new Dictionary<string, IncidentReport>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var report in await ReadAllAsync(IncidentKeys.Links(number), cancellationToken))
        {
            if (!byCase.TryGetValue(report.CaseId, out var known))
            {
                order.Add(report.CaseId);
                byCase[report.CaseId] = report;
            }
            else if (report.Joined && !known.Joined)
            {
                byCase[report.CaseId] = report;
            }
        }

        return [.. order.Select(caseId => byCase[caseId])];
    }

    private async Task<List<IncidentReport>> ReadAllAsync(string stream, CancellationToken cancellationToken)
    {
        var all = new List<IncidentReport>();
        long after = 0;
        while (true)
        {
            var page = await _streams.ReadAsync(stream, after, PageSize, cancellationToken);
            if (page.Count == 0)
            {
                return all;
            }

            foreach (var entry in page)
            {
                if (TryRead(entry) is { } report)
                {
                    all.Add(report);
                }
            }

            after = page[^1].Sequence;
        }
    }

    private IncidentReport? TryRead(StreamEntry entry)
    {
        try
        {
            return entry.Deserialize(IncidentJsonContext.Default.IncidentReport);
        }
        catch (JsonException exception)
        {
            IncidentLog.UnreadableEntry(_logger, exception, entry.Stream, entry.Sequence);
            return null;
        }
    }

    private Task<Versioned<IncidentCodeState>?> ReadStateAsync(string code, CancellationToken cancellationToken) =>
        _documents.ReadAsync(IncidentKeys.State(code), IncidentJsonContext.Default.IncidentCodeState, cancellationToken);
}
