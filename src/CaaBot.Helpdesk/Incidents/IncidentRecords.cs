using System.Text.Json;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>
/// What is recorded about incidents, read and closed without filing anything (so the ticket-news path can use it
/// without depending on the outbox): the open incident of a code, an incident with everyone linked, resolving one.
/// </summary>
public sealed class IncidentRecords(IDocumentStore documents, IStreamStore streams, IncidentOptions options, ILogger<IncidentRecords> logger)
{
    private const int PageSize = 500;

    private readonly IDocumentStore _documents = documents ?? throw new ArgumentNullException(nameof(documents));
    private readonly IStreamStore _streams = streams ?? throw new ArgumentNullException(nameof(streams));
    private readonly IncidentOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

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

    internal async Task<List<IncidentReport>> ReadAllAsync(string stream, CancellationToken cancellationToken)
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

    internal IncidentReport? TryRead(StreamEntry entry)
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

    internal Task<Versioned<IncidentCodeState>?> ReadStateAsync(string code, CancellationToken cancellationToken) =>
        _documents.ReadAsync(IncidentKeys.State(code), IncidentJsonContext.Default.IncidentCodeState, cancellationToken);
}
