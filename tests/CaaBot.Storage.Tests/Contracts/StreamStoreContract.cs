using System.Text;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Contracts;

/// <summary>
/// What every <see cref="IStreamStore"/> must do. A backend gets the whole suite by deriving a small
/// class that overrides <see cref="CreateStoreAsync"/> (and <see cref="DisposeStoreAsync"/> to clean up).
/// Stream names are prefixed per test, so a backend may share one database between tests. Notification
/// tests wait for the notification rather than assume it arrives before AppendAsync returns, so a backend
/// that delivers them asynchronously (PostgreSQL LISTEN/NOTIFY) passes too.
/// </summary>
public abstract class StreamStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(2));
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..12];
    private IStreamStore? _store;

    protected IStreamStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The clock the store under test must use for <see cref="StreamEntry.AppendedAt"/>.</summary>
    protected ManualTimeProvider Clock { get; } = new(Start);

    /// <summary>Cancels a test that hangs instead of failing.</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>A fresh store reading the time from <paramref name="clock"/>.</summary>
    protected abstract Task<IStreamStore> CreateStoreAsync(TimeProvider clock, CancellationToken cancellationToken);

    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.InitializeAsync() => _store = await CreateStoreAsync(Clock, Ct);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeStoreAsync();
        _timeout.Dispose();
    }

    protected string Stream(string name) => $"{_prefix}/{name}";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StreamEntry entry) => Encoding.UTF8.GetString(entry.Payload.Span);

    [Fact]
    public async Task AppendAsync_NewStream_StartsAtOne()
    {
        Assert.Equal(1, await Store.AppendAsync(Stream("s"), Utf8("first"), Ct));
    }

    [Fact]
    public async Task AppendAsync_Sequentially_NumbersGapFreeAndReadsBackInOrder()
    {
        var stream = Stream("s");
        var sequences = new List<long>();
        for (var i = 1; i <= 10; i++)
        {
            sequences.Add(await Store.AppendAsync(stream, Utf8($"entry {i}"), Ct));
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), sequences);
        var entries = await Store.ReadAsync(stream, 0, 100, Ct);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), entries.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"entry {i}"), entries.Select(Text));
        Assert.All(entries, e => Assert.Equal(stream, e.Stream));
    }

    [Fact]
    public async Task ReadAsync_AfterSequenceWithMaxCount_PagesThroughTheStream()
    {
        var stream = Stream("s");
        for (var i = 1; i <= 25; i++)
        {
            await Store.AppendAsync(stream, Utf8($"entry {i}"), Ct);
        }

        var pages = new List<IReadOnlyList<StreamEntry>>();
        long watermark = 0;
        while (true)
        {
            var page = await Store.ReadAsync(stream, watermark, 10, Ct);
            if (page.Count == 0)
            {
                break;
            }

            pages.Add(page);
            watermark = page[^1].Sequence;
        }

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"entry {i}"), pages.SelectMany(p => p).Select(Text));
    }

    [Fact]
    public async Task ReadAsync_FromTheMiddle_StartsAfterTheGivenSequence()
    {
        var stream = Stream("s");
        for (var i = 1; i <= 5; i++)
        {
            await Store.AppendAsync(stream, Utf8($"entry {i}"), Ct);
        }

        var entries = await Store.ReadAsync(stream, 3, 100, Ct);

        Assert.Equal([4L, 5L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadAsync_MissingStreamOrPastTheEnd_ReturnsEmpty()
    {
        var stream = Stream("s");
        await Store.AppendAsync(stream, Utf8("only"), Ct);

        Assert.Empty(await Store.ReadAsync(Stream("missing"), 0, 10, Ct));
        Assert.Empty(await Store.ReadAsync(stream, 1, 10, Ct));
        Assert.Empty(await Store.ReadAsync(stream, 1000, 10, Ct));
    }

    [Fact]
    public async Task ReadAsync_InvalidRange_ThrowsArgumentOutOfRange()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReadAsync(Stream("s"), -1, 10, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReadAsync(Stream("s"), 0, 0, Ct));
    }

    [Fact]
    public async Task AppendAsync_RecordsTheClockTime()
    {
        var stream = Stream("s");
        await Store.AppendAsync(stream, Utf8("first"), Ct);
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Store.AppendAsync(stream, Utf8("second"), Ct);

        var entries = await Store.ReadAsync(stream, 0, 10, Ct);

        Assert.Equal([Start, Start.AddMinutes(5)], entries.Select(e => e.AppendedAt));
    }

    [Fact]
    public async Task AppendAsync_BinaryEmptyAndLargePayloads_RoundTripExactly()
    {
        var stream = Stream("s");
        var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var large = new byte[1024 * 1024];
        new Random(7).NextBytes(large);

        await Store.AppendAsync(stream, binary, Ct);
        await Store.AppendAsync(stream, ReadOnlyMemory<byte>.Empty, Ct);
        await Store.AppendAsync(stream, large, Ct);

        var entries = await Store.ReadAsync(stream, 0, 10, Ct);
        Assert.Equal(binary, entries[0].Payload.ToArray());
        Assert.Equal(0, entries[1].Payload.Length);
        Assert.Equal(large, entries[2].Payload.ToArray());
    }

    [Fact]
    public async Task AppendAsync_CallerReusesBufferAfterwards_StoredPayloadUnchanged()
    {
        var stream = Stream("s");
        var buffer = Utf8("original");
        await Store.AppendAsync(stream, buffer, Ct);

        Array.Fill(buffer, (byte)'!');

        Assert.Equal("original", Text((await Store.ReadAsync(stream, 0, 1, Ct))[0]));
    }

    [Theory]
    [InlineData("directline/conv:ÄÖü/activities")]
    [InlineData("对话/记录")]
    [InlineData("emoji 🙂👩‍💻 stream")]
    [InlineData("quote'\"%_\\")]
    public async Task AppendAsync_UnicodeStreamNameAndPayload_RoundTrip(string name)
    {
        var stream = Stream(name);
        var text = $"{name} — Grüße, 你好, مرحبا, 🙂";

        await Store.AppendAsync(stream, Utf8(text), Ct);

        var entry = Assert.Single(await Store.ReadAsync(stream, 0, 10, Ct));
        Assert.Equal(stream, entry.Stream);
        Assert.Equal(text, Text(entry));
        Assert.Equal(1, await Store.GetLastSequenceAsync(stream, Ct));
    }

    [Fact]
    public async Task AppendAsync_NamesDifferingOnlyInCase_AreDistinctStreams()
    {
        await Store.AppendAsync(Stream("Transcript"), Utf8("upper"), Ct);
        await Store.AppendAsync(Stream("transcript"), Utf8("lower"), Ct);

        Assert.Equal("upper", Text(Assert.Single(await Store.ReadAsync(Stream("Transcript"), 0, 10, Ct))));
        Assert.Equal("lower", Text(Assert.Single(await Store.ReadAsync(Stream("transcript"), 0, 10, Ct))));
    }

    [Fact]
    public async Task AppendAsync_DifferentStreams_AreNumberedIndependently()
    {
        var a = Stream("a");
        var b = Stream("b");

        Assert.Equal(1, await Store.AppendAsync(a, Utf8("a1"), Ct));
        Assert.Equal(2, await Store.AppendAsync(a, Utf8("a2"), Ct));
        Assert.Equal(1, await Store.AppendAsync(b, Utf8("b1"), Ct));
        Assert.Equal(3, await Store.AppendAsync(a, Utf8("a3"), Ct));

        Assert.Equal(["a1", "a2", "a3"], (await Store.ReadAsync(a, 0, 10, Ct)).Select(Text));
        Assert.Equal(["b1"], (await Store.ReadAsync(b, 0, 10, Ct)).Select(Text));
        Assert.Equal(3, await Store.GetLastSequenceAsync(a, Ct));
        Assert.Equal(1, await Store.GetLastSequenceAsync(b, Ct));
    }

    [Fact]
    public async Task AppendAsync_ParallelAppenders_AssignEverySequenceExactlyOnce()
    {
        const int Appenders = 8;
        const int AppendsEach = 100;
        var stream = Stream("busy");

        var returned = await Task.WhenAll(Enumerable.Range(0, Appenders).Select(appender => Task.Run(
            async () =>
            {
                var mine = new List<(long Sequence, string Payload)>();
                for (var i = 0; i < AppendsEach; i++)
                {
                    var payload = $"appender {appender} entry {i}";
                    mine.Add((await Store.AppendAsync(stream, Utf8(payload), Ct), payload));
                }

                return mine;
            },
            Ct)));

        const int Total = Appenders * AppendsEach;
        var all = returned.SelectMany(r => r).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, Total).Select(i => (long)i), all.Select(r => r.Sequence));
        Assert.All(returned, mine => Assert.True(mine.Zip(mine.Skip(1)).All(pair => pair.First.Sequence < pair.Second.Sequence)));

        var stored = await Store.ReadAsync(stream, 0, Total + 10, Ct);
        Assert.Equal(all.Select(r => r.Sequence), stored.Select(e => e.Sequence));
        Assert.Equal(all.Select(r => r.Payload), stored.Select(Text));
        Assert.Equal(Total, await Store.GetLastSequenceAsync(stream, Ct));
    }

    [Fact]
    public async Task GetLastSequenceAsync_EmptyStream_ReturnsZero()
    {
        Assert.Equal(0, await Store.GetLastSequenceAsync(Stream("empty"), Ct));
    }

    [Fact]
    public async Task GetLastSequenceAsync_AfterAppends_ReturnsTheLastSequence()
    {
        var stream = Stream("s");
        for (var i = 0; i < 7; i++)
        {
            await Store.AppendAsync(stream, Utf8("x"), Ct);
        }

        Assert.Equal(7, await Store.GetLastSequenceAsync(stream, Ct));
    }

    [Fact]
    public async Task AllOperations_InvalidStreamName_ThrowArgumentException()
    {
        var tooLong = new string('s', StorageLimits.MaxNameLength + 1);
        foreach (var name in new[] { string.Empty, tooLong, "\udc00lone" })
        {
            await Assert.ThrowsAsync<ArgumentException>(() => Store.AppendAsync(name, Utf8("x"), Ct));
            await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(name, 0, 10, Ct));
            await Assert.ThrowsAsync<ArgumentException>(() => Store.GetLastSequenceAsync(name, Ct));
            Assert.Throws<ArgumentException>(() => Store.Subscribe(name, _ => { }));
        }
    }

    [Fact]
    public async Task AppendAsync_StreamNameOfMaximumLength_IsAccepted()
    {
        var stream = Stream("max").PadRight(StorageLimits.MaxNameLength, 's');

        Assert.Equal(1, await Store.AppendAsync(stream, Utf8("x"), Ct));
        Assert.Equal(1, await Store.GetLastSequenceAsync(stream, Ct));
    }

    [Fact]
    public async Task AppendAsync_CancelledToken_ThrowsAndAppendsNothing()
    {
        var stream = Stream("cancelled");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.AppendAsync(stream, Utf8("x"), cancelled.Token));

        Assert.Equal(0, await Store.GetLastSequenceAsync(stream, Ct));
    }

    [Fact]
    public async Task Subscribe_Appends_HearsEachSequence()
    {
        var stream = Stream("s");
        var recorder = new SequenceRecorder();
        using var subscription = Store.Subscribe(stream, recorder.OnAppended);

        for (var i = 0; i < 3; i++)
        {
            await Store.AppendAsync(stream, Utf8("x"), Ct);
        }

        await recorder.WaitForAsync(3, Ct);
        Assert.Equal([1L, 2L, 3L], recorder.Heard.Distinct().Order());
    }

    [Fact]
    public async Task Subscribe_WhenNotified_TheEntryIsAlreadyReadable()
    {
        var stream = Stream("s");
        var readInCallback = new TaskCompletionSource<IReadOnlyList<StreamEntry>>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The callback must not block, so it starts the read and hands the result over.
        using var subscription = Store.Subscribe(stream, sequence => _ = Task.Run(
            async () =>
            {
                try
                {
                    readInCallback.TrySetResult(await Store.ReadAsync(stream, sequence - 1, 1, Ct));
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    readInCallback.TrySetException(exception);
                }
            },
            Ct));

        await Store.AppendAsync(stream, Utf8("payload"), Ct);

        var entries = await readInCallback.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("payload", Text(Assert.Single(entries)));
    }

    [Fact]
    public async Task Subscribe_AfterDispose_StopsNotifications()
    {
        var stream = Stream("s");
        var leaving = new SequenceRecorder();
        var staying = new SequenceRecorder();
        using var stays = Store.Subscribe(stream, staying.OnAppended);
        var leaves = Store.Subscribe(stream, leaving.OnAppended);
        await Store.AppendAsync(stream, Utf8("x"), Ct);
        await leaving.WaitForAsync(1, Ct);

        leaves.Dispose();
        await Store.AppendAsync(stream, Utf8("y"), Ct);

        // The subscriber that stayed is the barrier: once it heard 2, so would the one that left.
        await staying.WaitForAsync(2, Ct);
        Assert.DoesNotContain(2L, leaving.Heard);
    }

    [Fact]
    public async Task Subscribe_OtherStream_IsNotNotified()
    {
        var other = new SequenceRecorder();
        var mine = new SequenceRecorder();
        using var otherSubscription = Store.Subscribe(Stream("other"), other.OnAppended);
        using var mySubscription = Store.Subscribe(Stream("mine"), mine.OnAppended);

        await Store.AppendAsync(Stream("mine"), Utf8("x"), Ct);

        await mine.WaitForAsync(1, Ct);
        Assert.Empty(other.Heard);
    }

    [Fact]
    public async Task Subscribe_ThrowingSubscriber_DoesNotBreakOthersOrTheAppend()
    {
        var stream = Stream("s");
        var before = new SequenceRecorder();
        var after = new SequenceRecorder();
        using var first = Store.Subscribe(stream, before.OnAppended);
        using var throwing = Store.Subscribe(stream, _ => throw new InvalidOperationException("subscriber bug"));
        using var last = Store.Subscribe(stream, after.OnAppended);

        Assert.Equal(1, await Store.AppendAsync(stream, Utf8("x"), Ct));
        Assert.Equal(2, await Store.AppendAsync(stream, Utf8("y"), Ct));

        await before.WaitForAsync(2, Ct);
        await after.WaitForAsync(2, Ct);
        Assert.Equal(2, (await Store.ReadAsync(stream, 0, 10, Ct)).Count);
    }
}
