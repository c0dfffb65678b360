using CaaBot.Storage.InMemory;

namespace CaaBot.Storage.Tests.InMemory;

public sealed class InMemoryStorageHealthCheckTests
{
    [Fact]
    public async Task IsReachableAsync_Always_ReturnsTrue()
    {
        Assert.True(await new InMemoryStorageHealthCheck().IsReachableAsync(CancellationToken.None));
    }
}
