using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;

namespace CaaBot.Helpdesk.Tests.BuiltIn;

/// <summary>The queue contract on the in-memory stores (yielding on every call, so concurrent submits interleave).</summary>
public sealed class InMemoryBuiltInTicketQueueTests : BuiltInTicketQueueContract
{
    protected override Task<(IDocumentStore Documents, IStreamStore Streams)> CreateStoresAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(IDocumentStore, IStreamStore)>((new YieldingDocumentStore(new InMemoryDocumentStore()), new InMemoryStreamStore()));
}
