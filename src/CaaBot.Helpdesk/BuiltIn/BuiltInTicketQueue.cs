using System.Text.Json;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>
/// The embedded helpdesk queue: tickets as JSON documents in the <see cref="IDocumentStore"/>, numbered
/// <c>CAA-000001</c>, <c>CAA-000002</c>… from a counter document advanced by ETag compare-and-swap, and listed
/// newest first from an append-only stream. Safe for many concurrent submitters in several processes sharing
/// one store: numbers are never handed out twice, and a request id never yields a second ticket.
/// </summary>
/// <remarks>
/// A submit runs in steps that each leave a state a retry can finish from:
/// (1) claim the request id: create <c>helpdesk/request/{id}</c> with <c>MustNotExist</c>;
/// (2) allocate a number and record it in the claim (<c>IfMatch</c>; the loser of a race leaves its number unused);
/// (3) write <c>helpdesk/ticket/{number}</c> with <c>MustNotExist</c>;
/// (4) append the number to <c>helpdesk/tickets-created</c> and mark the claim listed.
/// A crash or a concurrent duplicate between any two steps is picked up by the next submit of the same id, which
/// converges on the one number recorded in the claim. Step 4 can repeat (a crash after the append, or duplicates
/// racing), so the stream may name a ticket twice; <see cref="ListRecentAsync"/> shows each ticket once.
/// </remarks>
public sealed class BuiltInTicketQueue(
    IDocumentStore documents,
    IStreamStore streams,
    TimeProvider timeProvider,
    ILogger<BuiltInTicketQueue> logger) : ITicketQueue
{
    /// <summary>The most tickets <see cref="ListRecentAsync"/> returns, whatever it is asked for.</summary>
    public const int MaxListCount = 500;

    /// <summary>How often allocating a number re-reads the counter after losing a race before giving up.</summary>
    public const int MaxAllocationAttempts = 1_000;

    // Each conflict on the claim document means another submitter moved it forward; three rounds always suffice.
    private const int MaxSubmitRounds = 16;

    private const int ListPageSize = 100;

    // Request ids in log lines are cut to this length.
    private const int MaxLoggedRequestIdLength = 128;

    private readonly IDocumentStore _documents = documents ?? throw new ArgumentNullException(nameof(documents));
    private readonly IStreamStore _streams = streams ?? throw new ArgumentNullException(nameof(streams));
    private readonly TimeProvider _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    private readonly ILogger _logger = logger ?? throw new ArgumentNullException(nameof(logger));

    public async Task<Ticket> SubmitAsync(TicketRequest request, CancellationToken cancellationToken)
    {
        var shortened = new List<string>();
        var normalized = TicketRequestNormalizer.Normalize(request, shortened);
        var requestId = normalized.RequestId;
        var logId = LogId(requestId);
        var claimKey = HelpdeskKeys.Request(requestId);

        for (var round = 1; ; round++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var claim = await _documents.ReadAsync(claimKey, HelpdeskJsonContext.Default.RequestIndexDocument, cancellationToken);
                var claimedNow = claim is null;
                if (claim is null)
                {
                    var fresh = new RequestIndexDocument(requestId, Number: null, Listed: false);
                    var etag = await _documents.WriteAsync(claimKey, fresh, HelpdeskJsonContext.Default.RequestIndexDocument, WritePrecondition.MustNotExist, cancellationToken);
                    claim = new Versioned<RequestIndexDocument>(fresh, etag);
                }

                EnsureSameRequest(claim.Value, requestId, claimKey);
                if (claim.Value.Number is not { } number)
                {
                    number = await AllocateNumberAsync(cancellationToken);
                    var numbered = claim.Value with { Number = number };
                    try
                    {
                        var etag = await _documents.WriteAsync(claimKey, numbered, HelpdeskJsonContext.Default.RequestIndexDocument, WritePrecondition.IfMatch(claim.ETag), cancellationToken);
                        claim = new Versioned<RequestIndexDocument>(numbered, etag);
                    }
                    catch (ConcurrencyConflictException)
                    {
                        HelpdeskLog.NumberUnused(_logger, logId, TicketNumber.Format(number));
                        throw;
                    }
                }

                if (shortened.Count > 0 && claimedNow)
                {
                    HelpdeskLog.RequestShortened(_logger, logId, string.Join(", ", shortened));
                }

                var (ticket, created) = await EnsureTicketAsync(number, normalized, cancellationToken);
                if (!claim.Value.Listed)
                {
                    await ListAsync(claimKey, claim, ticket.Number, cancellationToken);
                }

                if (created && claimedNow)
                {
                    HelpdeskLog.TicketCreated(_logger, ticket.Number, logId);
                }
                else if (created || !claim.Value.Listed)
                {
                    HelpdeskLog.InterruptedSubmitCompleted(_logger, logId, ticket.Number);
                }
                else
                {
                    HelpdeskLog.ExistingTicketReturned(_logger, logId, ticket.Number);
                }

                return ticket;
            }
            catch (ConcurrencyConflictException) when (round < MaxSubmitRounds)
            {
                // Another submit of the same request moved the claim forward: continue from what it wrote.
            }
        }
    }

    public async Task<Ticket?> FindAsync(string number, CancellationToken cancellationToken)
    {
        if (!TicketNumber.TryParse(number, out var value))
        {
            return null;
        }

        return await ReadTicketAsync(value, cancellationToken);
    }

    public async Task<IReadOnlyList<Ticket>> ListRecentAsync(int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var wanted = Math.Min(max, MaxListCount);
        var tickets = new List<Ticket>(Math.Min(wanted, ListPageSize));
        if (wanted == 0)
        {
            return tickets;
        }

        var seen = new HashSet<long>();
        var upper = await _streams.GetLastSequenceAsync(HelpdeskKeys.CreatedStream, cancellationToken);
        while (upper > 0 && tickets.Count < wanted)
        {
            var pageSize = (int)Math.Min(upper, ListPageSize);
            var after = upper - pageSize;
            var entries = await _streams.ReadAsync(HelpdeskKeys.CreatedStream, after, pageSize, cancellationToken);
            for (var i = entries.Count - 1; i >= 0 && tickets.Count < wanted; i--)
            {
                if (ReadEntry(entries[i]) is not { } number || !seen.Add(number))
                {
                    continue;
                }

                var ticket = await ReadTicketAsync(number, cancellationToken);
                if (ticket is null)
                {
                    HelpdeskLog.ListedTicketMissing(_logger, TicketNumber.Format(number));
                    continue;
                }

                tickets.Add(ticket);
            }

            upper = after;
        }

        return tickets;
    }

    /// <summary>
    /// Adds <paramref name="external"/> to the ticket's <see cref="Ticket.ExternalTickets"/> (replacing an earlier one
    /// of the same connector); the outbox calls it once a connector has accepted the ticket. Null when there is no such ticket.
    /// </summary>
    public async Task<Ticket?> RecordExternalAsync(string number, ExternalTicket external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        if (!TicketNumber.TryParse(number, out var value))
        {
            return null;
        }

        var key = HelpdeskKeys.Ticket(value);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _documents.ReadAsync(key, HelpdeskJsonContext.Default.Ticket, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            if (stored.Value.ExternalTickets.Contains(external))
            {
                return stored.Value;
            }

            var updated = stored.Value with
            {
                ExternalTickets = [.. stored.Value.ExternalTickets.Where(known => known.Connector != external.Connector), external],
            };
            try
            {
                await _documents.WriteAsync(key, updated, HelpdeskJsonContext.Default.Ticket, WritePrecondition.IfMatch(stored.ETag), cancellationToken);
                return updated;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxSubmitRounds)
            {
                // Another connector's delivery recorded itself at the same moment: add ours to what it wrote.
            }
        }
    }

    /// <summary>Sets the ticket's <see cref="Ticket.Status"/> (the outbox mirrors what the external system says). Null when there is no such ticket.</summary>
    public async Task<Ticket?> RecordStatusAsync(string number, TicketStatus status, CancellationToken cancellationToken)
    {
        if (!TicketNumber.TryParse(number, out var value))
        {
            return null;
        }

        var key = HelpdeskKeys.Ticket(value);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _documents.ReadAsync(key, HelpdeskJsonContext.Default.Ticket, cancellationToken);
            if (stored is null || stored.Value.Status == status)
            {
                return stored?.Value;
            }

            var updated = stored.Value with { Status = status };
            try
            {
                await _documents.WriteAsync(key, updated, HelpdeskJsonContext.Default.Ticket, WritePrecondition.IfMatch(stored.ETag), cancellationToken);
                return updated;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxSubmitRounds)
            {
                // A delivery recorded itself at the same moment: set the status on what it wrote.
            }
        }
    }

    private async Task<long> AllocateNumberAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var counter = await _documents.ReadAsync(HelpdeskKeys.Counter, HelpdeskJsonContext.Default.TicketCounterDocument, cancellationToken);
            var next = new TicketCounterDocument(checked((counter?.Value.Last ?? 0) + 1));
            var precondition = counter is null ? WritePrecondition.MustNotExist : WritePrecondition.IfMatch(counter.ETag);
            try
            {
                await _documents.WriteAsync(HelpdeskKeys.Counter, next, HelpdeskJsonContext.Default.TicketCounterDocument, precondition, cancellationToken);
                return next.Last;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAllocationAttempts)
            {
                // Somebody else took this number; let them finish before reading the counter again.
                await Task.Yield();
            }
            catch (ConcurrencyConflictException exception)
            {
                throw new InvalidOperationException($"No ticket number could be allocated after {MaxAllocationAttempts} attempts.", exception);
            }
        }
    }

    private async Task<(Ticket Ticket, bool Created)> EnsureTicketAsync(long number, TicketRequest request, CancellationToken cancellationToken)
    {
        var key = HelpdeskKeys.Ticket(number);
        var existing = await _documents.ReadAsync(key, HelpdeskJsonContext.Default.Ticket, cancellationToken);
        if (existing is not null)
        {
            return (existing.Value, false);
        }

        var ticket = new Ticket(TicketNumber.Format(number), _timeProvider.GetUtcNow(), TicketStatus.New, request);
        try
        {
            await _documents.WriteAsync(key, ticket, HelpdeskJsonContext.Default.Ticket, WritePrecondition.MustNotExist, cancellationToken);
            return (ticket, true);
        }
        catch (ConcurrencyConflictException)
        {
            // A concurrent submit of the same request wrote it a moment ago: theirs is the ticket.
            var theirs = await _documents.ReadAsync(key, HelpdeskJsonContext.Default.Ticket, cancellationToken)
                ?? throw new InvalidOperationException($"Ticket {ticket.Number} vanished while it was being created.");
            return (theirs.Value, false);
        }
    }

    private async Task ListAsync(string claimKey, Versioned<RequestIndexDocument> claim, string number, CancellationToken cancellationToken)
    {
        await _streams.AppendAsync(HelpdeskKeys.CreatedStream, new TicketCreatedEntry(number), HelpdeskJsonContext.Default.TicketCreatedEntry, cancellationToken);
        try
        {
            await _documents.WriteAsync(claimKey, claim.Value with { Listed = true }, HelpdeskJsonContext.Default.RequestIndexDocument, WritePrecondition.IfMatch(claim.ETag), cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The only later change to a numbered claim is this very mark, made by a concurrent submit of the same request.
        }
    }

    private async Task<Ticket?> ReadTicketAsync(long number, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await _documents.ReadAsync(HelpdeskKeys.Ticket(number), HelpdeskJsonContext.Default.Ticket, cancellationToken);
            return stored?.Value;
        }
        catch (JsonException exception)
        {
            HelpdeskLog.UnreadableTicket(_logger, exception, TicketNumber.Format(number));
            return null;
        }
    }

    private long? ReadEntry(StreamEntry entry)
    {
        try
        {
            var created = entry.Deserialize(HelpdeskJsonContext.Default.TicketCreatedEntry);
            if (TicketNumber.TryParse(created.Number, out var number))
            {
                return number;
            }

            throw new JsonException("The entry holds no ticket number.");
        }
        catch (JsonException exception)
        {
            HelpdeskLog.UnreadableStreamEntry(_logger, exception, entry.Sequence);
            return null;
        }
    }

    private static void EnsureSameRequest(RequestIndexDocument claim, string requestId, string claimKey)
    {
        if (!string.Equals(claim.RequestId, requestId, StringComparison.Ordinal))
        {
            // Only a SHA-256 collision between two long request ids could get here.
            throw new InvalidOperationException($"The claim '{claimKey}' belongs to another request id.");
        }
    }

    private static string LogId(string requestId) =>
        requestId.Length <= MaxLoggedRequestIdLength ? requestId : TicketRequestNormalizer.Truncate(requestId, MaxLoggedRequestIdLength);
}
