using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using CaaBot.Storage.Tests.Contracts;

namespace CaaBot.Storage.Tests.InMemory;

public sealed class InMemoryStreamStoreTests : StreamStoreContract
{
    protected override Task<IStreamStore> CreateStoreAsync(TimeProvider clock, CancellationToken cancellationToken) =>
        Task.FromResult<IStreamStore>(new InMemoryStreamStore(clock));
}
