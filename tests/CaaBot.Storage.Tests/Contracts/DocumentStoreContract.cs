using System.Globalization;
using System.Text;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IDocumentStore"/> must do. A backend gets the whole suite by deriving a small
/// class that overrides <see cref="CreateStoreAsync"/> (and <see cref="DisposeStoreAsync"/> to clean up).
/// Keys are prefixed per test, so a backend may share one database between tests.
/// </summary>
public abstract class DocumentStoreContract : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..12];
    private IDocumentStore? _store;

    protected IDocumentStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Cancels a test that hangs instead of failing.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>A fresh, empty store (or one where keys of this test's prefix do not exist).</summary>
    protected abstract Task<IDocumentStore> CreateStoreAsync(CancellationToken cancellationToken);

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync() => _store = await CreateStoreAsync(Ct);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeStoreAsync();
        _timeout.Dispose();
    }

    protected string Key(string name) => $"{_prefix}/{name}";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredDocument? document) =>
        Encoding.UTF8.GetString((document ?? throw new InvalidOperationException("Document missing.")).Content.Span);

    [Fact]
    public async Task ReadAsync_MissingKey_ReturnsNull()
    {
        Assert.Null(await Store.ReadAsync(Key("missing"), Ct));
    }

    [Fact]
    public async Task WriteAsync_MustNotExistOnNewKey_CreatesDocumentWithReturnedETag()
    {
        var key = Key("doc");

        var etag = await Store.WriteAsync(key, Utf8("first"), WritePrecondition.MustNotExist, Ct);

        var read = await Store.ReadAsync(key, Ct);
        Assert.NotNull(read);
        Assert.Equal(key, read.Key);
        Assert.Equal(etag, read.ETag);
        Assert.Equal("first", Text(read));
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task WriteAsync_MustNotExistTwice_SecondThrowsConflictAndKeepsFirst()
    {
        var key = Key("doc");
        var etag = await Store.WriteAsync(key, Utf8("first"), WritePrecondition.MustNotExist, Ct);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.WriteAsync(key, Utf8("second"), WritePrecondition.MustNotExist, Ct));

        Assert.Equal(key, conflict.Key);
        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal("first", Text(read));
        Assert.Equal(etag, read!.ETag);
    }

    [Fact]
    public async Task WriteAsync_IfMatchCurrentETag_SucceedsWithNewETag()
    {
        var key = Key("doc");
        var first = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.MustNotExist, Ct);

        var second = await Store.WriteAsync(key, Utf8("v2"), WritePrecondition.IfMatch(first), Ct);

        Assert.NotEqual(first, second);
        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal("v2", Text(read));
        Assert.Equal(second, read!.ETag);
    }

    [Fact]
    public async Task WriteAsync_IfMatchStaleETag_ThrowsConflictAndLeavesContent()
    {
        var key = Key("doc");
        var stale = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.MustNotExist, Ct);
        var current = await Store.WriteAsync(key, Utf8("v2"), WritePrecondition.IfMatch(stale), Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.WriteAsync(key, Utf8("lost update"), WritePrecondition.IfMatch(stale), Ct));

        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal("v2", Text(read));
        Assert.Equal(current, read!.ETag);
    }

    [Fact]
    public async Task WriteAsync_IfMatchOnMissingKey_ThrowsConflictAndCreatesNothing()
    {
        var key = Key("doc");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.WriteAsync(key, Utf8("v1"), WritePrecondition.IfMatch("no-such-etag"), Ct));

        Assert.Null(await Store.ReadAsync(key, Ct));
    }

    [Fact]
    public async Task WriteAsync_IfMatchETagOfOtherKey_ThrowsConflict()
    {
        var otherETag = await Store.WriteAsync(Key("other"), Utf8("x"), WritePrecondition.None, Ct);
        await Store.WriteAsync(Key("doc"), Utf8("v1"), WritePrecondition.None, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.WriteAsync(Key("doc"), Utf8("v2"), WritePrecondition.IfMatch(otherETag), Ct));
    }

    [Fact]
    public async Task WriteAsync_NoneOnMissingKey_Creates()
    {
        var key = Key("doc");

        var etag = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.None, Ct);

        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal("v1", Text(read));
        Assert.Equal(etag, read!.ETag);
    }

    [Fact]
    public async Task WriteAsync_NoneOnExistingKey_OverwritesRegardlessOfETag()
    {
        var key = Key("doc");
        var first = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.MustNotExist, Ct);

        var second = await Store.WriteAsync(key, Utf8("v2"), WritePrecondition.None, Ct);

        Assert.NotEqual(first, second);
        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal("v2", Text(read));
        Assert.Equal(second, read!.ETag);
    }

    [Fact]
    public async Task WriteAsync_RepeatedWritesDeletesAndRecreates_NeverRepeatAnETag()
    {
        var key = Key("doc");
        var etags = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            etags.Add(await Store.WriteAsync(key, Utf8("same content"), WritePrecondition.None, Ct));
        }

        await Store.DeleteAsync(key, WritePrecondition.None, Ct);
        etags.Add(await Store.WriteAsync(key, Utf8("same content"), WritePrecondition.MustNotExist, Ct));
        etags.Add(await Store.WriteAsync(Key("other"), Utf8("same content"), WritePrecondition.MustNotExist, Ct));

        Assert.Equal(etags.Count, etags.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task WriteAsync_ETagFromBeforeDeleteAndRecreate_ThrowsConflict()
    {
        var key = Key("doc");
        var old = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.MustNotExist, Ct);
        await Store.DeleteAsync(key, WritePrecondition.IfMatch(old), Ct);
        await Store.WriteAsync(key, Utf8("v2"), WritePrecondition.MustNotExist, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.WriteAsync(key, Utf8("v3"), WritePrecondition.IfMatch(old), Ct));
        Assert.Equal("v2", Text(await Store.ReadAsync(key, Ct)));
    }

    [Fact]
    public async Task DeleteAsync_NoneOnExistingKey_RemovesAndReturnsTrue()
    {
        var key = Key("doc");
        await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.None, Ct);

        Assert.True(await Store.DeleteAsync(key, WritePrecondition.None, Ct));

        Assert.Null(await Store.ReadAsync(key, Ct));
    }

    [Fact]
    public async Task DeleteAsync_NoneOnMissingKey_ReturnsFalse()
    {
        Assert.False(await Store.DeleteAsync(Key("missing"), WritePrecondition.None, Ct));
    }

    [Fact]
    public async Task DeleteAsync_IfMatchCurrentETag_RemovesAndReturnsTrue()
    {
        var key = Key("doc");
        var etag = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.None, Ct);

        Assert.True(await Store.DeleteAsync(key, WritePrecondition.IfMatch(etag), Ct));

        Assert.Null(await Store.ReadAsync(key, Ct));
    }

    [Fact]
    public async Task DeleteAsync_IfMatchStaleETag_ThrowsConflictAndKeepsDocument()
    {
        var key = Key("doc");
        var stale = await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.None, Ct);
        var current = await Store.WriteAsync(key, Utf8("v2"), WritePrecondition.IfMatch(stale), Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.DeleteAsync(key, WritePrecondition.IfMatch(stale), Ct));

        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal("v2", Text(read));
        Assert.Equal(current, read!.ETag);
    }

    [Fact]
    public async Task DeleteAsync_IfMatchOnMissingKey_ThrowsConflict()
    {
        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.DeleteAsync(Key("missing"), WritePrecondition.IfMatch("no-such-etag"), Ct));
    }

    [Fact]
    public async Task DeleteAsync_MustNotExistOnMissingKey_ReturnsFalse()
    {
        Assert.False(await Store.DeleteAsync(Key("missing"), WritePrecondition.MustNotExist, Ct));
    }

    [Fact]
    public async Task DeleteAsync_MustNotExistOnExistingKey_ThrowsConflictAndKeepsDocument()
    {
        var key = Key("doc");
        await Store.WriteAsync(key, Utf8("v1"), WritePrecondition.None, Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(
            () => Store.DeleteAsync(key, WritePrecondition.MustNotExist, Ct));

        Assert.Equal("v1", Text(await Store.ReadAsync(key, Ct)));
    }

    [Fact]
    public async Task WriteAsync_EveryByteValue_RoundTripsExactly()
    {
        var key = Key("binary");
        var content = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Enumerable.Range(0, 256).Select(i => (byte)(255 - i))).ToArray();

        await Store.WriteAsync(key, content, WritePrecondition.None, Ct);

        Assert.Equal(content, (await Store.ReadAsync(key, Ct))!.Content.ToArray());
    }

    [Fact]
    public async Task WriteAsync_EmptyContent_RoundTripsAsEmpty()
    {
        var key = Key("empty");

        await Store.WriteAsync(key, ReadOnlyMemory<byte>.Empty, WritePrecondition.None, Ct);

        var read = await Store.ReadAsync(key, Ct);
        Assert.NotNull(read);
        Assert.Equal(0, read.Content.Length);
    }

    [Fact]
    public async Task WriteAsync_SliceOfLargerBuffer_StoresOnlyTheSlice()
    {
        var key = Key("slice");
        var buffer = Utf8("xxhelloxx");

        await Store.WriteAsync(key, buffer.AsMemory(2, 5), WritePrecondition.None, Ct);

        Assert.Equal("hello", Text(await Store.ReadAsync(key, Ct)));
    }

    [Fact]
    public async Task WriteAsync_CallerReusesBufferAfterwards_StoredContentUnchanged()
    {
        var key = Key("copy");
        var buffer = Utf8("original");
        await Store.WriteAsync(key, buffer, WritePrecondition.None, Ct);

        Array.Fill(buffer, (byte)'!');

        Assert.Equal("original", Text(await Store.ReadAsync(key, Ct)));
    }

    [Theory]
    [InlineData("conversation/msteams/a:1Xy-_é")]
    [InlineData("用户/状态")]
    [InlineData("שלום/עולם")]
    [InlineData("emoji 🙂👩‍💻 key")]
    [InlineData("tab\tnewline\nquote'\"backslash\\percent%underscore_")]
    [InlineData("nul\0inside")]
    public async Task WriteAsync_UnicodeKeyAndContent_RoundTrip(string name)
    {
        var key = Key(name);
        var text = $"{{\"text\":\"{name} — Grüße, 你好, مرحبا, 🙂\"}}";

        var etag = await Store.WriteAsync(key, Utf8(text), WritePrecondition.MustNotExist, Ct);

        var read = await Store.ReadAsync(key, Ct);
        Assert.Equal(text, Text(read));
        Assert.Equal(key, read!.Key);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task WriteAsync_KeysDifferingOnlyInCaseOrNormalization_AreDistinct()
    {
        string[] names = ["Key", "key", "KEY", "caf\u00e9", "cafe\u0301"];
        foreach (var name in names)
        {
            await Store.WriteAsync(Key(name), Utf8(name), WritePrecondition.MustNotExist, Ct);
        }

        foreach (var name in names)
        {
            Assert.Equal(name, Text(await Store.ReadAsync(Key(name), Ct)));
        }
    }

    [Fact]
    public async Task WriteAsync_OneMegabyteDocument_RoundTrips()
    {
        var key = Key("large");
        var content = new byte[1024 * 1024];
        new Random(42).NextBytes(content);

        var etag = await Store.WriteAsync(key, content, WritePrecondition.MustNotExist, Ct);
        content[0] ^= 0xFF;
        await Store.WriteAsync(key, content, WritePrecondition.IfMatch(etag), Ct);

        Assert.Equal(content, (await Store.ReadAsync(key, Ct))!.Content.ToArray());
    }

    [Fact]
    public async Task WriteAsync_KeyOfMaximumLength_IsAccepted()
    {
        var key = Key("max").PadRight(StorageLimits.MaxNameLength, 'k');

        await Store.WriteAsync(key, Utf8("x"), WritePrecondition.None, Ct);

        Assert.Equal("x", Text(await Store.ReadAsync(key, Ct)));
    }

    [Fact]
    public async Task AllOperations_NullEmptyOrMalformedKey_ThrowArgumentException()
    {
        // Built in code: a lone surrogate in an attribute argument would be mangled to U+FFFD by the compiler.
        foreach (var key in new[] { null, string.Empty, "\ud800lone surrogate", "trailing high \ud83d" })
        {
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.ReadAsync(key!, Ct));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.WriteAsync(key!, Utf8("x"), WritePrecondition.None, Ct));
            await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.DeleteAsync(key!, WritePrecondition.None, Ct));
        }
    }

    [Fact]
    public async Task AllOperations_KeyLongerThanLimit_ThrowArgumentException()
    {
        var key = new string('k', StorageLimits.MaxNameLength + 1);

        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(key, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(key, Utf8("x"), WritePrecondition.None, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, WritePrecondition.None, Ct));
    }

    [Fact]
    public async Task WriteAsync_CancelledToken_ThrowsAndWritesNothing()
    {
        var key = Key("cancelled");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.WriteAsync(key, Utf8("x"), WritePrecondition.None, cancelled.Token));

        Assert.Null(await Store.ReadAsync(key, Ct));
    }

    [Fact]
    public async Task WriteAsync_ParallelWritersWithSameETag_ExactlyOneWinsEachRound()
    {
        const int Writers = 8;
        const int Rounds = 10;
        var key = Key("contested");
        var etag = await Store.WriteAsync(key, Utf8("start"), WritePrecondition.MustNotExist, Ct);

        for (var round = 1; round <= Rounds; round++)
        {
            var expected = etag;
            var attempts = Enumerable.Range(0, Writers)
                .Select(writer => Task.Run(() => TryWriteAsync(key, $"round {round} writer {writer}", WritePrecondition.IfMatch(expected)), Ct));
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, r => r.ETag is not null);
            var read = await Store.ReadAsync(key, Ct);
            Assert.Equal(winner.Content, Text(read));
            Assert.Equal(winner.ETag, read!.ETag);
            etag = winner.ETag!;
        }
    }

    [Fact]
    public async Task WriteAsync_ParallelIncrementsRetryingOnConflict_LoseNoUpdate()
    {
        const int Writers = 8;
        const int IncrementsEach = 25;
        var key = Key("counter");
        await Store.WriteAsync(key, Utf8("0"), WritePrecondition.MustNotExist, Ct);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => IncrementAsync(key, IncrementsEach), Ct)));

        Assert.Equal((Writers * IncrementsEach).ToString(CultureInfo.InvariantCulture), Text(await Store.ReadAsync(key, Ct)));
    }

    private async Task<(string Content, string? ETag)> TryWriteAsync(string key, string content, WritePrecondition precondition)
    {
        try
        {
            return (content, await Store.WriteAsync(key, Utf8(content), precondition, Ct));
        }
        catch (ConcurrencyConflictException)
        {
            return (content, null);
        }
    }

    private async Task IncrementAsync(string key, int increments)
    {
        for (var done = 0; done < increments;)
        {
            var read = await Store.ReadAsync(key, Ct) ?? throw new InvalidOperationException("Counter vanished.");
            var next = long.Parse(Text(read), CultureInfo.InvariantCulture) + 1;
            try
            {
                await Store.WriteAsync(key, Utf8(next.ToString(CultureInfo.InvariantCulture)), WritePrecondition.IfMatch(read.ETag), Ct);
                done++;
            }
            catch (ConcurrencyConflictException)
            {
                // Someone else incremented first: read again and retry.
            }
        }
    }
}
