using System.Text.Json;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Conversations.Tests.Scheduling;

public sealed class TurnSchedulerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryDocumentStore _documents = new();
    private readonly InMemoryStreamStore _streams;

    public TurnSchedulerTests() => _streams = new InMemoryStreamStore(_clock);

    private TurnScheduler NewScheduler(TurnSchedulerOptions? options = null) =>
        new(_documents, _streams, _clock, NullLogger<TurnScheduler>.Instance, options);

    private ScheduledTurn Turn(string id, TimeSpan inFuture, string conversationId = "conv-1") => new(
        id,
        _clock.GetUtcNow() + inFuture,
        new ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = "https://smba.example/amer/",
            Conversation = new ConversationAccount { Id = conversationId },
            User = new ChannelAccount { Id = "29:user" },
            Bot = new ChannelAccount { Id = "28:bot" },
        },
        "caabot/followUp",
        JsonSerializer.SerializeToElement(new { caseId = "case-1" }));

    [Fact]
    public async Task RunDue_BeforeTheTurnIsDue_RunsNothingAndSaysWhenItIsDue()
    {
        var scheduler = NewScheduler();
        var turn = Turn("followup/a", TimeSpan.FromHours(20));
        await scheduler.ScheduleAsync(turn, None);
        var dispatcher = new RecordingDispatcher();

        var next = await scheduler.RunDueAsync(dispatcher, None);

        Assert.Empty(dispatcher.Dispatched);
        Assert.Equal(turn.DueAt, next);
    }

    [Fact]
    public async Task RunDue_OnceDue_RunsTheTurnOnceAndMarksItDone()
    {
        var scheduler = NewScheduler();
        await scheduler.ScheduleAsync(Turn("followup/a", TimeSpan.FromHours(20)), None);
        var dispatcher = new RecordingDispatcher();

        _clock.Advance(TimeSpan.FromHours(20));
        var next = await scheduler.RunDueAsync(dispatcher, None);
        await scheduler.RunDueAsync(dispatcher, None);

        var dispatched = Assert.Single(dispatcher.Dispatched);
        Assert.Equal("followup/a", dispatched.Id);
        Assert.Equal("case-1", dispatched.Value!.Value.GetProperty("caseId").GetString());
        Assert.Null(next);
        Assert.Equal(ScheduledTurnState.Done, (await scheduler.GetProgressAsync("followup/a", None))!.State);
    }

    [Fact]
    public async Task Schedule_SameIdTwice_IsOneTurn()
    {
        var scheduler = NewScheduler();

        Assert.True(await scheduler.ScheduleAsync(Turn("ticket/CAA-1/delivered", TimeSpan.Zero), None));
        Assert.False(await scheduler.ScheduleAsync(Turn("ticket/CAA-1/delivered", TimeSpan.Zero), None));
        var dispatcher = new RecordingDispatcher();
        await scheduler.RunDueAsync(dispatcher, None);

        Assert.Single(dispatcher.Dispatched);
    }

    [Fact]
    public async Task Schedule_AfterTheTurnRan_DoesNotRunItAgain()
    {
        var scheduler = NewScheduler();
        var dispatcher = new RecordingDispatcher();
        await scheduler.ScheduleAsync(Turn("t1", TimeSpan.Zero), None);
        await scheduler.RunDueAsync(dispatcher, None);

        Assert.False(await scheduler.ScheduleAsync(Turn("t1", TimeSpan.Zero), None));
        await scheduler.RunDueAsync(dispatcher, None);

        Assert.Single(dispatcher.Dispatched);
    }

    [Fact]
    public async Task RunDue_SeveralDue_RunsThemInDueOrder()
    {
        var scheduler = NewScheduler();
        await scheduler.ScheduleAsync(Turn("late", TimeSpan.FromMinutes(3)), None);
        await scheduler.ScheduleAsync(Turn("early", TimeSpan.FromMinutes(1)), None);
        await scheduler.ScheduleAsync(Turn("middle", TimeSpan.FromMinutes(2)), None);
        var dispatcher = new RecordingDispatcher();

        _clock.Advance(TimeSpan.FromMinutes(5));
        await scheduler.RunDueAsync(dispatcher, None);

        Assert.Equal(["early", "middle", "late"], dispatcher.Dispatched.Select(t => t.Id));
    }

    [Fact]
    public async Task RunDue_DispatchFails_RetriesWithGrowingDelaysThenGivesUp()
    {
        var scheduler = NewScheduler(new TurnSchedulerOptions { MaxAttempts = 3, FirstRetryDelay = TimeSpan.FromSeconds(30) });
        await scheduler.ScheduleAsync(Turn("t1", TimeSpan.Zero), None);
        var dispatcher = new RecordingDispatcher();
        for (var i = 0; i < 3; i++)
        {
            dispatcher.ThenThrow(new HttpRequestException("connector unreachable"));
        }

        var next = await scheduler.RunDueAsync(dispatcher, None);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(30), next);

        _clock.Advance(TimeSpan.FromSeconds(29));
        await scheduler.RunDueAsync(dispatcher, None);
        Assert.Single(dispatcher.Dispatched);

        _clock.Advance(TimeSpan.FromSeconds(1));
        next = await scheduler.RunDueAsync(dispatcher, None);
        Assert.Equal(2, dispatcher.Dispatched.Count);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(60), next);

        _clock.Advance(TimeSpan.FromSeconds(60));
        next = await scheduler.RunDueAsync(dispatcher, None);

        Assert.Equal(3, dispatcher.Dispatched.Count);
        Assert.Null(next);
        var progress = (await scheduler.GetProgressAsync("t1", None))!;
        Assert.Equal(ScheduledTurnState.Failed, progress.State);
        Assert.Equal(3, progress.Attempts);
        Assert.Contains("connector unreachable", progress.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDue_FailsOnceThenWorks_IsDoneAfterTheRetry()
    {
        var scheduler = NewScheduler();
        await scheduler.ScheduleAsync(Turn("t1", TimeSpan.Zero), None);
        var dispatcher = new RecordingDispatcher();
        dispatcher.ThenThrow(new HttpRequestException("429"));

        await scheduler.RunDueAsync(dispatcher, None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.RunDueAsync(dispatcher, None);

        Assert.Equal(2, dispatcher.Dispatched.Count);
        Assert.Equal(ScheduledTurnState.Done, (await scheduler.GetProgressAsync("t1", None))!.State);
    }

    [Theory]
    [InlineData(ScheduledTurnOutcome.RecipientGone, ScheduledTurnState.Done)]
    [InlineData(ScheduledTurnOutcome.Impossible, ScheduledTurnState.Failed)]
    public async Task RunDue_TurnCannotReachAnyone_IsNotRetried(ScheduledTurnOutcome outcome, ScheduledTurnState expected)
    {
        var scheduler = NewScheduler();
        await scheduler.ScheduleAsync(Turn("t1", TimeSpan.Zero), None);
        var dispatcher = new RecordingDispatcher();
        dispatcher.ThenAnswer(outcome);

        await scheduler.RunDueAsync(dispatcher, None);
        _clock.Advance(TimeSpan.FromDays(1));
        await scheduler.RunDueAsync(dispatcher, None);

        Assert.Single(dispatcher.Dispatched);
        Assert.Equal(expected, (await scheduler.GetProgressAsync("t1", None))!.State);
    }

    [Fact]
    public async Task RunDue_AfterARestart_StillRunsWhatWasScheduledBefore()
    {
        await NewScheduler().ScheduleAsync(Turn("followup/a", TimeSpan.FromHours(20)), None);

        var restarted = NewScheduler();
        _clock.Advance(TimeSpan.FromDays(1));
        var dispatcher = new RecordingDispatcher();
        await restarted.RunDueAsync(dispatcher, None);

        Assert.Equal("followup/a", Assert.Single(dispatcher.Dispatched).Id);
    }

    [Fact]
    public async Task RunDue_TwoInstancesSharingTheStore_RunEachTurnOnce()
    {
        var first = NewScheduler();
        var second = NewScheduler();
        for (var i = 0; i < 20; i++)
        {
            await (i % 2 == 0 ? first : second).ScheduleAsync(Turn($"t{i}", TimeSpan.Zero, $"conv-{i}"), None);
        }

        var firstDispatcher = new RecordingDispatcher();
        var secondDispatcher = new RecordingDispatcher();
        await Task.WhenAll(first.RunDueAsync(firstDispatcher, None), second.RunDueAsync(secondDispatcher, None));
        await Task.WhenAll(first.RunDueAsync(firstDispatcher, None), second.RunDueAsync(secondDispatcher, None));

        var all = firstDispatcher.Dispatched.Concat(secondDispatcher.Dispatched).Select(t => t.Id).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Distinct().Count());
    }

    [Fact]
    public async Task RunDue_InstanceDiedHoldingTheLease_AnotherTakesOverOnceTheLeaseRunsOut()
    {
        var lease = TimeSpan.FromMinutes(2);
        var dying = NewScheduler(new TurnSchedulerOptions { Lease = lease });
        await dying.ScheduleAsync(Turn("t1", TimeSpan.Zero), None);
        var neverReturns = new TaskCompletionSource<ScheduledTurnOutcome>();
        var dyingDispatcher = new RecordingDispatcher();
        dyingDispatcher.Then(_ => neverReturns.Task);
        _ = dying.RunDueAsync(dyingDispatcher, None);

        var survivor = NewScheduler(new TurnSchedulerOptions { Lease = lease });
        var survivorDispatcher = new RecordingDispatcher();
        await survivor.RunDueAsync(survivorDispatcher, None);
        Assert.Empty(survivorDispatcher.Dispatched);

        _clock.Advance(lease);
        await survivor.RunDueAsync(survivorDispatcher, None);

        Assert.Single(dyingDispatcher.Dispatched);
        Assert.Single(survivorDispatcher.Dispatched);
        Assert.Equal(ScheduledTurnState.Done, (await survivor.GetProgressAsync("t1", None))!.State);
    }

    [Fact]
    public async Task OnScheduled_ANewTurn_WakesTheListener()
    {
        var scheduler = NewScheduler();
        var woken = 0;
        using var subscription = scheduler.OnScheduled(() => Interlocked.Increment(ref woken));

        await scheduler.ScheduleAsync(Turn("t1", TimeSpan.Zero), None);

        Assert.Equal(1, woken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("../../etc")]
    public async Task Schedule_BadId_IsRefused(string id)
    {
        var scheduler = NewScheduler();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => scheduler.ScheduleAsync(Turn(id, TimeSpan.Zero), None));
    }

    [Fact]
    public async Task Schedule_ReferenceWithoutConversation_IsRefused()
    {
        var scheduler = NewScheduler();
        var turn = Turn("t1", TimeSpan.Zero) with { Reference = new ConversationReference { ChannelId = "msteams" } };

        await Assert.ThrowsAsync<ArgumentException>(() => scheduler.ScheduleAsync(turn, None));
    }

    [Fact]
    public void ToActivity_AddressesTheEventFromTheUserToTheBotWithADerivedId()
    {
        var activity = Turn("followup/a", TimeSpan.Zero).ToActivity(_clock.GetUtcNow());

        Assert.Equal(ActivityTypes.Event, activity.Type);
        Assert.Equal("scheduled:followup/a", activity.Id);
        Assert.Equal("caabot/followUp", activity.Name);
        Assert.Equal("29:user", activity.From!.Id);
        Assert.Equal("28:bot", activity.Recipient!.Id);
        Assert.Equal("conv-1", activity.Conversation!.Id);
        Assert.Equal("https://smba.example/amer/", activity.ServiceUrl);
    }

    [Theory]
    [InlineData("""{"caseId":"case-9"}""", "case-9")]
    [InlineData("""{"caseId":42}""", null)]
    [InlineData("""["case-9"]""", null)]
    [InlineData("null", null)]
    public void ValueAs_ReadsWhatTheBotScheduledAndNothingElse(string json, string? expected)
    {
        var turn = Turn("followup/a", TimeSpan.Zero) with { Value = JsonDocument.Parse(json).RootElement.Clone() };

        Assert.Equal(expected, turn.ValueAs<CaseValue>(JsonSerializerOptions.Web)?.CaseId);
    }

    [Fact]
    public void ValueAs_NoValue_IsNull()
    {
        Assert.Null((Turn("followup/a", TimeSpan.Zero) with { Value = null }).ValueAs<CaseValue>(JsonSerializerOptions.Web));
    }

    private sealed record CaseValue(string CaseId);

    [Fact]
    public async Task RunDue_TurnReadBeforeItsProgressRecordWasWritten_StillRunsInThisRound()
    {
        // The worker wakes on the append, before ScheduleAsync has written the Pending record; its own "first
        // writer" attempt then loses to that record. It must run the turn now, not wait a lease nobody holds.
        var hiding = new ProgressHidingStore(_documents, "scheduler/turn/handoff/a");
        var scheduler = new TurnScheduler(hiding, _streams, _clock, NullLogger<TurnScheduler>.Instance);
        await scheduler.ScheduleAsync(Turn("handoff/a", TimeSpan.Zero), None);
        var dispatcher = new RecordingDispatcher();

        var next = await scheduler.RunDueAsync(dispatcher, None);

        Assert.Equal("handoff/a", Assert.Single(dispatcher.Dispatched).Id);
        Assert.Null(next);
        Assert.Equal(ScheduledTurnState.Done, (await scheduler.GetProgressAsync("handoff/a", None))!.State);
    }

    /// <summary>Answers "not there" to the first read of one key, as a read that came just before its write would.</summary>
    private sealed class ProgressHidingStore(CaaBot.Storage.Abstractions.IDocumentStore inner, string key) : CaaBot.Storage.Abstractions.IDocumentStore
    {
        private int _readsOfKey;

        public Task<CaaBot.Storage.Abstractions.StoredDocument?> ReadAsync(string documentKey, CancellationToken cancellationToken) =>
            documentKey == key && Interlocked.Increment(ref _readsOfKey) == 2
                ? Task.FromResult<CaaBot.Storage.Abstractions.StoredDocument?>(null)
                : inner.ReadAsync(documentKey, cancellationToken);

        public Task<string> WriteAsync(string documentKey, ReadOnlyMemory<byte> content, CaaBot.Storage.Abstractions.WritePrecondition precondition, CancellationToken cancellationToken) =>
            inner.WriteAsync(documentKey, content, precondition, cancellationToken);

        public Task<bool> DeleteAsync(string documentKey, CaaBot.Storage.Abstractions.WritePrecondition precondition, CancellationToken cancellationToken) =>
            inner.DeleteAsync(documentKey, precondition, cancellationToken);
    }
}
