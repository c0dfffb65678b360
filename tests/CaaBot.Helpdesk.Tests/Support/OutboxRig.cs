using CaaBot.Conversations.Testing.Time;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>An outbox over given (or fresh in-memory) stores, on a manual clock: one "process" of the bot.</summary>
public sealed class OutboxRig
{
    public OutboxRig(
        IEnumerable<IHelpdeskConnector> connectors,
        OutboxOptions? options = null,
        ITicketUpdates? updates = null,
        IDocumentStore? documents = null,
        IStreamStore? streams = null,
        ManualTimeProvider? clock = null)
    {
        Clock = clock ?? new ManualTimeProvider();
        Documents = documents ?? new InMemoryDocumentStore();
        Streams = streams ?? new InMemoryStreamStore(Clock);
        Queue = new BuiltInTicketQueue(Documents, Streams, Clock, NullLogger<BuiltInTicketQueue>.Instance);
        Log = new RecordingLogger<HelpdeskOutbox>();
        Options = options ?? new OutboxOptions();
        Outbox = new HelpdeskOutbox(Documents, Streams, Queue, new HelpdeskConnectors(connectors), Options, Clock, Log, updates);
    }

    public ManualTimeProvider Clock { get; }

    public IDocumentStore Documents { get; }

    public IStreamStore Streams { get; }

    public BuiltInTicketQueue Queue { get; }

    public OutboxOptions Options { get; }

    public HelpdeskOutbox Outbox { get; }

    public RecordingLogger<HelpdeskOutbox> Log { get; }

    /// <summary>
    /// Makes the next ticket number <paramref name="last"/> + 1, so tests sharing one real helpdesk system never
    /// reuse a number (each rig's store starts empty).
    /// </summary>
    public async Task SeedNumbersAsync(long last, CancellationToken cancellationToken) =>
        await Documents.WriteAsync(HelpdeskKeys.Counter, new TicketCounterDocument(last), HelpdeskJsonContext.Default.TicketCounterDocument, WritePrecondition.MustNotExist, cancellationToken);

    /// <summary>Seeds a random number range; returns the number the next ticket gets.</summary>
    public async Task<string> SeedRandomNumbersAsync(CancellationToken cancellationToken)
    {
        var last = Random.Shared.NextInt64(1_000_000, 9_000_000_000);
        await SeedNumbersAsync(last, cancellationToken);
        return TicketNumber.Format(last + 1);
    }

    /// <summary>Another instance over the same stores and clock (a second bot process, or this one restarted).</summary>
    public OutboxRig Sibling(IEnumerable<IHelpdeskConnector> connectors, ITicketUpdates? updates = null) =>
        new(connectors, Options, updates, Documents, Streams, Clock);
}
