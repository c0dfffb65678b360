using System.Text.Json;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;

namespace CaaBot.Storage.Tests.Abstractions;

public sealed class StreamStoreJsonExtensionsTests
{
    [Fact]
    public async Task AppendAsync_TypedValue_DeserializesBackFromTheEntry()
    {
        var store = new InMemoryStreamStore();

        var sequence = await store.AppendAsync("s", new CounterState(7, "seven"), TestJsonContext.Default.CounterState, CancellationToken.None);

        var entry = Assert.Single(await store.ReadAsync("s", 0, 10, CancellationToken.None));
        Assert.Equal(1, sequence);
        Assert.Equal(new CounterState(7, "seven"), entry.Deserialize(TestJsonContext.Default.CounterState));
    }

    [Fact]
    public void Deserialize_JsonNullPayload_ThrowsJsonException()
    {
        var entry = new StreamEntry("s", 1, DateTimeOffset.UnixEpoch, "null"u8.ToArray());

        Assert.Throws<JsonException>(() => entry.Deserialize(TestJsonContext.Default.CounterState));
    }
}
