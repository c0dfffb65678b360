using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using CaaBot.Storage.Tests.Contracts;

namespace CaaBot.Storage.Tests.InMemory;

public sealed class InMemoryDocumentStoreTests : DocumentStoreContract
{
    protected override Task<IDocumentStore> CreateStoreAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IDocumentStore>(new InMemoryDocumentStore());
}
