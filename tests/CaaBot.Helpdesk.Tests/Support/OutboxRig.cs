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

    /// <summary>Another instance over the same stores and clock (a second bot process, or this one restarted).</summary>
    public OutboxRig Sibling(IEnumerable<IHelpdeskConnector> connectors, ITicketUpdates? updates = null) =>
        new(connectors, Options, updates, Documents, Streams, Clock);
}
