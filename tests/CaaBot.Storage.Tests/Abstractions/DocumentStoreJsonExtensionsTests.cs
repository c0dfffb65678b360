using System.Text;
using System.Text.Json;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;

namespace CaaBot.Storage.Tests.Abstractions;

public sealed class DocumentStoreJsonExtensionsTests
{
    private readonly InMemoryDocumentStore _store = new();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task ReadAsync_MissingKey_ReturnsNull()
    {
        Assert.Null(await _store.ReadAsync("missing", TestJsonContext.Default.CounterState, Ct));
    }

    [Fact]
    public async Task WriteAsync_ThenReadAsync_RoundTripsValueAndETag()
    {
        var etag = await _store.WriteAsync("c", new CounterState(3, "Grüße 🙂"), TestJsonContext.Default.CounterState, WritePrecondition.MustNotExist, Ct);

        var read = await _store.ReadAsync("c", TestJsonContext.Default.CounterState, Ct);

        Assert.Equal(new Versioned<CounterState>(new CounterState(3, "Grüße 🙂"), etag), read);
    }

    [Fact]
    public async Task WriteAsync_Value_StoresCamelCaseJsonFromTheTypeInfo()
    {
        await _store.WriteAsync("c", new CounterState(1, "n"), TestJsonContext.Default.CounterState, WritePrecondition.None, Ct);

        var raw = await _store.ReadAsync("c", Ct);

        Assert.Equal("{\"count\":1,\"note\":\"n\"}", Encoding.UTF8.GetString(raw!.Content.Span));
    }

    [Fact]
    public async Task WriteAsync_StaleETag_ThrowsConflict()
    {
        var stale = await _store.WriteAsync("c", new CounterState(1, "a"), TestJsonContext.Default.CounterState, WritePrecondition.None, Ct);
        await _store.WriteAsync("c", new CounterState(2, "b"), TestJsonContext.Default.CounterState, WritePrecondition.IfMatch(stale), Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => _store.WriteAsync("c", new CounterState(9, "lost"), TestJsonContext.Default.CounterState, WritePrecondition.IfMatch(stale), Ct));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task ReadAsync_StoredBytesAreNotTheType_ThrowsJsonException(string stored)
    {
        await _store.WriteAsync("c", Encoding.UTF8.GetBytes(stored), WritePrecondition.None, Ct);

        await Assert.ThrowsAnyAsync<JsonException>(() => _store.ReadAsync("c", TestJsonContext.Default.CounterState, Ct));
    }

    [Fact]
    public async Task UpdateAsync_MissingKey_CreatesFromNull()
    {
        var result = await _store.UpdateAsync("c", current => new CounterState((current?.Value.Count ?? 0) + 1, "created"), TestJsonContext.Default.CounterState, Ct);

        Assert.Equal(new CounterState(1, "created"), result.Value);
        Assert.Equal(result, await _store.ReadAsync("c", TestJsonContext.Default.CounterState, Ct));
    }

    [Fact]
    public async Task UpdateAsync_ParallelUpdaters_LoseNoUpdate()
    {
        await _store.WriteAsync("c", new CounterState(0, "start"), TestJsonContext.Default.CounterState, WritePrecondition.MustNotExist, Ct);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            async () =>
            {
                for (var i = 0; i < 50; i++)
                {
                    await _store.UpdateAsync("c", current => current!.Value with { Count = current.Value.Count + 1 }, TestJsonContext.Default.CounterState, Ct);
                }
            },
            Ct)));

        Assert.Equal(400, (await _store.ReadAsync("c", TestJsonContext.Default.CounterState, Ct))!.Value.Count);
    }

    [Fact]
    public async Task UpdateAsync_AlwaysLosing_GivesUpWithConflictAfterMaxAttempts()
    {
        var losing = new AlwaysLosingStore();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => losing.UpdateAsync("c", _ => new CounterState(1, "never stored"), TestJsonContext.Default.CounterState, Ct));

        Assert.Equal(DocumentStoreJsonExtensions.MaxUpdateAttempts, losing.Writes);
    }

    /// <summary>Another writer always gets there first.</summary>
    private sealed class AlwaysLosingStore : IDocumentStore
    {
        public int Writes { get; private set; }

        public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) =>
            Task.FromResult<StoredDocument?>(null);

        public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
        {
            Writes++;
            throw new ConcurrencyConflictException(key, precondition);
        }

        public Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken) =>
            Task.FromResult(false);
    }
}
