using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;

namespace CaaBot.Helpdesk.Tests.Incidents;

/// <summary>The incident contract on the in-memory stores.</summary>
public sealed class InMemoryIncidentServiceTests : IncidentServiceContract
{
    protected override Task<(IDocumentStore Documents, IStreamStore Streams)> CreateStoresAsync(CancellationToken cancellationToken) =>
        Task.FromResult<(IDocumentStore, IStreamStore)>((new InMemoryDocumentStore(), new InMemoryStreamStore(Clock)));
}
