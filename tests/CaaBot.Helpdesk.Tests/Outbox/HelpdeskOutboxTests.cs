using System.Text;
using System.Text.Json;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Sqlite;

namespace CaaBot.Helpdesk.Tests.Outbox;

public sealed class HelpdeskOutboxTests : IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));

    private CancellationToken Ct => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [Fact]
    public async Task FileAsync_NoConnectors_FilesOnlyTheBuiltInTicket()
    {
        var rig = new OutboxRig([]);

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), "transcript/test/c1", Ct);

        Assert.Equal("CAA-000001", receipt.Ticket.Number);
        Assert.Empty(receipt.Delivered);
        Assert.Empty(receipt.Queued);
        Assert.Empty(await rig.Outbox.ListAsync(Ct));
    }

    [Fact]
    public async Task FileAsync_SystemUp_DeliversInlineRecordsExternalOnTicketAndTellsNobodyLater()
    {
        var connector = new ScriptedConnector("rt");
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([connector], updates: updates);

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);

        var external = Assert.Single(receipt.Delivered);
        Assert.Equal("FAKE-1", external.DisplayNumber);
        Assert.Empty(receipt.Queued);
        Assert.Equal([external], receipt.Ticket.ExternalTickets);
        Assert.Equal([external], (await rig.Queue.FindAsync("CAA-000001", Ct))!.ExternalTickets);
        var entry = Assert.Single(await rig.Outbox.ListAsync(Ct));
        Assert.Equal(OutboxEntryState.Delivered, entry.State);
        Assert.True(entry.UserTold);

        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Empty(updates.Published); // the user saw the number in the turn
        Assert.Equal(1, connector.CreateCalls);
    }

    [Fact]
    public async Task FileAsync_SystemDown_QueuesThenWorkerRetriesWithBackoffAndTellsTheUserOnce()
    {
        var connector = new ScriptedConnector("rt") { FailNextCreates = 3 };
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([connector], new OutboxOptions { InitialRetryDelay = TimeSpan.FromSeconds(10) }, updates);

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        Assert.Empty(receipt.Delivered);
        Assert.Equal(["rt"], receipt.Queued);
        Assert.Equal(1, connector.CreateCalls);

        // Not due yet: nothing is attempted before the backoff has passed.
        rig.Clock.Advance(TimeSpan.FromSeconds(9));
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(1, connector.CreateCalls);

        rig.Clock.Advance(TimeSpan.FromSeconds(1)); // 10 s after attempt 1
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(2, connector.CreateCalls);
        rig.Clock.Advance(TimeSpan.FromSeconds(19)); // attempt 3 is due 20 s after attempt 2
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(2, connector.CreateCalls);
        rig.Clock.Advance(TimeSpan.FromSeconds(1));
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(3, connector.CreateCalls);
        rig.Clock.Advance(TimeSpan.FromSeconds(40));
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Equal(4, connector.CreateCalls);
        Assert.Single(connector.Created);
        var update = Assert.Single(updates.Published);
        Assert.Equal(TicketUpdateKind.Delivered, update.Kind);
        Assert.Equal("FAKE-1", update.External!.DisplayNumber);
        Assert.Equal("CAA-000001", update.Ticket.Number);

        rig.Clock.Advance(TimeSpan.FromHours(1));
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Single(updates.Published);
        Assert.Equal(4, connector.CreateCalls);
    }

    [Fact]
    public async Task DeliverDueAsync_AnswerLostAfterCreate_FindsTheTicketInsteadOfCreatingASecond()
    {
        var connector = new ScriptedConnector("rt") { LoseNextAnswer = true };
        var rig = new OutboxRig([connector], updates: new RecordingTicketUpdates());

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        Assert.Equal(["rt"], receipt.Queued);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Single(connector.Created);
        Assert.Equal(1, connector.CreateCalls);
        Assert.Equal(1, connector.FindCalls);
        var entry = Assert.Single(await rig.Outbox.ListAsync(Ct));
        Assert.Equal(OutboxEntryState.Delivered, entry.State);
        Assert.Equal("FAKE-1", entry.External!.DisplayNumber);
    }

    [Fact]
    public async Task DeliverDueAsync_PermanentRefusal_MarksFailedKeepsItListedAndTellsTheUser()
    {
        var connector = new ScriptedConnector("rt") { RefuseForGood = true };
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([connector], updates: updates);

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);

        Assert.Equal(["rt"], receipt.Failed);
        var entry = Assert.Single(await rig.Outbox.ListAsync(Ct));
        Assert.Equal(OutboxEntryState.Failed, entry.State);
        Assert.Equal("refused: unknown queue", entry.LastError);
        Assert.Equal(TicketUpdateKind.DeliveryFailed, Assert.Single(updates.Published).Kind);
        Assert.Contains(rig.Log.Entries, log => log.EventId == 5104);

        rig.Clock.Advance(TimeSpan.FromDays(1));
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(1, connector.CreateCalls);
        Assert.Single(updates.Published);
    }

    [Fact]
    public async Task DeliverDueAsync_EveryAttemptFails_GivesUpAfterMaxAttempts()
    {
        var connector = new ScriptedConnector("rt") { FailNextCreates = int.MaxValue };
        var rig = new OutboxRig([connector], new OutboxOptions { MaxAttempts = 4, InitialRetryDelay = TimeSpan.FromSeconds(1) }, new RecordingTicketUpdates());

        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        for (var i = 0; i < 10; i++)
        {
            rig.Clock.Advance(TimeSpan.FromMinutes(1));
            await rig.Outbox.DeliverDueAsync(Ct);
        }

        Assert.Equal(4, connector.CreateCalls);
        var entry = Assert.Single(await rig.Outbox.ListAsync(Ct));
        Assert.Equal(OutboxEntryState.Failed, entry.State);
        Assert.Equal(4, entry.Attempts);
    }

    [Fact]
    public async Task RetryAsync_FailedDelivery_IsAttemptedAgainAndDelivered()
    {
        var connector = new ScriptedConnector("rt") { RefuseForGood = true };
        var rig = new OutboxRig([connector], updates: new RecordingTicketUpdates());
        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);

        connector.RefuseForGood = false;
        Assert.True(await rig.Outbox.RetryAsync("CAA-000001", "rt", Ct));
        Assert.False(await rig.Outbox.RetryAsync("CAA-000001", "rt", Ct)); // pending now, not failed
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Equal(OutboxEntryState.Delivered, Assert.Single(await rig.Outbox.ListAsync(Ct)).State);
        Assert.Single(connector.Created);
    }

    [Fact]
    public async Task DeliverDueAsync_TwoInstancesSharingTheStore_NeverAttemptTheSameEntryAtOnce()
    {
        var first = new ScriptedConnector("rt") { FailNextCreates = 1 };
        var rig = new OutboxRig([first], new OutboxOptions { InitialRetryDelay = TimeSpan.FromSeconds(1) }, new RecordingTicketUpdates());
        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        var second = new ScriptedConnector("rt");
        var sibling = rig.Sibling([second], new RecordingTicketUpdates());
        rig.Clock.Advance(TimeSpan.FromSeconds(5));

        // Instance A holds the lease while its create hangs; instance B's passes find the entry leased and leave it.
        first.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = rig.Outbox.DeliverDueAsync(Ct);
        await first.GateReached.Task.WaitAsync(Ct);
        await sibling.Outbox.DeliverDueAsync(Ct);
        await sibling.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(0, second.CreateCalls);

        first.Gate.SetResult();
        await holding;
        await sibling.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(0, second.CreateCalls);
        Assert.Equal(OutboxEntryState.Delivered, Assert.Single(await sibling.Outbox.ListAsync(Ct)).State);
    }

    [Fact]
    public async Task DeliverDueAsync_LeaseOfADeadInstanceRunsOut_AnotherInstanceFindsBeforeCreating()
    {
        var dying = new ScriptedConnector("rt") { Gate = new TaskCompletionSource() };
        var rig = new OutboxRig([dying], new OutboxOptions { InlineDeliveryTimeout = TimeSpan.Zero, LeaseDuration = TimeSpan.FromMinutes(2) });
        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        using var death = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var dead = rig.Outbox.DeliverDueAsync(death.Token);
        await dying.GateReached.Task.WaitAsync(Ct);
        await death.CancelAsync(); // the process dies mid-attempt, lease still held
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dead);

        var survivor = new ScriptedConnector("rt");
        var other = rig.Sibling([survivor], new RecordingTicketUpdates());
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await other.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(0, survivor.FindCalls + survivor.CreateCalls); // lease still live

        rig.Clock.Advance(TimeSpan.FromMinutes(1.5));
        await other.Outbox.DeliverDueAsync(Ct);
        Assert.Equal(1, survivor.FindCalls);
        Assert.Equal(1, survivor.CreateCalls);
    }

    [Fact]
    public async Task DeliverDueAsync_KilledBetweenRecordingAndDelivering_NewInstanceOnTheSameSqliteFileDeliversOnce()
    {
        using var directory = new TempDirectory();
        var connector = new ScriptedConnector("rt");
        string number;
        using (var database = new SqliteDatabase(directory.Path))
        {
            // InlineDeliveryTimeout zero: recorded durably, nothing sent, then the process is gone.
            var before = new OutboxRig([connector], new OutboxOptions { InlineDeliveryTimeout = TimeSpan.Zero }, documents: new SqliteDocumentStore(database), streams: new SqliteStreamStore(database));
            number = (await before.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct)).Ticket.Number;
            Assert.Equal(0, connector.CreateCalls);
        }

        using var reopened = new SqliteDatabase(directory.Path);
        var updates = new RecordingTicketUpdates();
        var after = new OutboxRig([connector], updates: updates, documents: new SqliteDocumentStore(reopened), streams: new SqliteStreamStore(reopened));
        await after.Outbox.DeliverDueAsync(Ct);
        await after.Outbox.DeliverDueAsync(Ct);

        var (created, _) = Assert.Single(connector.Created);
        Assert.Equal(number, created.Number);
        Assert.Equal(TicketUpdateKind.Delivered, Assert.Single(updates.Published).Kind);
        Assert.Single((await after.Queue.FindAsync(number, Ct))!.ExternalTickets);
    }

    [Fact]
    public async Task FileAsync_SameRequestAgain_ReturnsTheSameTicketAndDeliveryWithoutSendingAgain()
    {
        var connector = new ScriptedConnector("rt");
        var rig = new OutboxRig([connector]);

        var first = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        var again = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);

        Assert.Equal(first.Ticket.Number, again.Ticket.Number);
        Assert.Equal(first.Delivered, again.Delivered);
        Assert.Equal(1, connector.CreateCalls);
        Assert.Single(await rig.Outbox.ListAsync(Ct));
    }

    [Fact]
    public async Task FileAsync_TwoConnectors_RecordsOneEntryEachAndDeliversBoth()
    {
        var rt = new ScriptedConnector("rt");
        var mail = new ScriptedConnector("email") { FailNextCreates = 1 };
        var rig = new OutboxRig([rt, mail], updates: new RecordingTicketUpdates());

        var receipt = await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        Assert.Single(receipt.Delivered);
        Assert.Equal(["email"], receipt.Queued);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Equal(2, (await rig.Queue.FindAsync(receipt.Ticket.Number, Ct))!.ExternalTickets.Count);
        Assert.All(await rig.Outbox.ListAsync(Ct), entry => Assert.Equal(OutboxEntryState.Delivered, entry.State));
    }

    [Fact]
    public async Task FileAsync_TranscriptStream_SendsTheConversationAsItWasWhenFiled()
    {
        var connector = new ScriptedConnector("rt");
        var rig = new OutboxRig([connector], new OutboxOptions { InlineDeliveryTimeout = TimeSpan.Zero });
        const string stream = "transcript/msteams/conv-1";
        await AppendAsync(rig.Streams, stream, """{"type":"message","text":"Teams shows 0xCAA20003","from":{"id":"u1","name":"Ada","role":"user"}}""");
        await AppendAsync(rig.Streams, stream, """{"type":"message","text":"Let's fix it.","from":{"id":"bot","role":"bot"}}""");

        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), stream, Ct);
        await AppendAsync(rig.Streams, stream, """{"type":"message","text":"said after filing","from":{"id":"u1","role":"user"}}""");
        await rig.Outbox.DeliverDueAsync(Ct);

        var (_, transcript) = Assert.Single(connector.Created);
        Assert.Contains("User (Ada): Teams shows 0xCAA20003", transcript.Text, StringComparison.Ordinal);
        Assert.Contains("Bot: Let's fix it.", transcript.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("said after filing", transcript.Text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(transcript.TranscriptJson);
        Assert.Equal(2, json.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task PollStatusesAsync_StatusChanges_AnnouncesEachChangeOnceAcrossInstances()
    {
        var connector = new ScriptedConnector("rt");
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([connector], new OutboxOptions { StatusPollInterval = TimeSpan.FromMinutes(5) }, updates);
        var sibling = rig.Sibling([connector], updates);
        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);

        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await rig.Outbox.PollStatusesAsync(Ct); // still "new": nothing to say
        Assert.Empty(updates.Published);

        connector.Statuses["1"] = new ExternalTicketStatus(TicketStatus.InProgress, "open", null);
        rig.Clock.Advance(TimeSpan.FromMinutes(4));
        await rig.Outbox.PollStatusesAsync(Ct); // not due yet
        Assert.Empty(updates.Published);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await Task.WhenAll(rig.Outbox.PollStatusesAsync(Ct), sibling.Outbox.PollStatusesAsync(Ct));
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(rig.Outbox.PollStatusesAsync(Ct), sibling.Outbox.PollStatusesAsync(Ct));

        var changed = Assert.Single(updates.Published);
        Assert.Equal(TicketUpdateKind.StatusChanged, changed.Kind);
        Assert.Equal("open", changed.Status!.SystemStatus);

        connector.Statuses["1"] = new ExternalTicketStatus(TicketStatus.Resolved, "resolved", null);
        rig.Clock.Advance(TimeSpan.FromMinutes(5));
        await sibling.Outbox.PollStatusesAsync(Ct);
        Assert.Equal([TicketStatus.InProgress, TicketStatus.Resolved], updates.Published.Select(update => update.Status!.Status));
        Assert.Equal(TicketStatus.Resolved, (await rig.Queue.FindAsync("CAA-000001", Ct))!.Status); // mirrored on the built-in ticket
    }

    [Fact]
    public async Task PollStatusesAsync_TicketOlderThanStatusPollMaxAge_IsNoLongerRead()
    {
        var connector = new ScriptedConnector("rt");
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([connector], new OutboxOptions { StatusPollInterval = TimeSpan.FromDays(1), StatusPollMaxAge = TimeSpan.FromDays(3) }, updates);
        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);

        rig.Clock.Advance(TimeSpan.FromDays(4));
        connector.Statuses["1"] = new ExternalTicketStatus(TicketStatus.InProgress, "open", null);
        await rig.Outbox.PollStatusesAsync(Ct);
        rig.Clock.Advance(TimeSpan.FromDays(1));
        await rig.Outbox.PollStatusesAsync(Ct);

        Assert.Empty(updates.Published);
        Assert.Null(Assert.Single(await rig.Outbox.ListAsync(Ct)).NextStatusCheckAt);
    }

    [Fact]
    public async Task ReadStatusAsync_UserAsks_ReadsNowAndDoesNotAnnounceWhatTheySaw()
    {
        var connector = new ScriptedConnector("rt");
        var updates = new RecordingTicketUpdates();
        var rig = new OutboxRig([connector], updates: updates);
        var ticket = (await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct)).Ticket;
        connector.Statuses["1"] = new ExternalTicketStatus(TicketStatus.InProgress, "open", null);

        var entry = Assert.Single(await rig.Outbox.ReadStatusAsync(ticket, Ct));
        rig.Clock.Advance(TimeSpan.FromHours(1));
        await rig.Outbox.PollStatusesAsync(Ct);

        Assert.Equal("open", entry.LastStatus!.SystemStatus);
        Assert.Empty(updates.Published);
    }

    [Fact]
    public async Task DeliverDueAsync_NoTicketUpdatesRegistered_LogsItAndSettles()
    {
        var connector = new ScriptedConnector("rt") { FailNextCreates = 1 };
        var rig = new OutboxRig([connector]);

        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.DeliverDueAsync(Ct);
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Single(rig.Log.Entries, log => log.EventId == 5105);
        Assert.True(Assert.Single(await rig.Outbox.ListAsync(Ct)).UserTold);
    }

    [Fact]
    public async Task DeliverDueAsync_ChannelDownWhenTelling_TellsTheUserOnTheNextPass()
    {
        var connector = new ScriptedConnector("rt") { FailNextCreates = 1 };
        var updates = new RecordingTicketUpdates { FailNext = 1 };
        var rig = new OutboxRig([connector], updates: updates);

        await rig.Outbox.FileAsync(Requests.Minimal("case-1"), null, Ct);
        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        await rig.Outbox.DeliverDueAsync(Ct);
        Assert.Empty(updates.Published);
        await rig.Outbox.DeliverDueAsync(Ct);
        await rig.Outbox.DeliverDueAsync(Ct);

        Assert.Single(updates.Published);
    }

    [Fact]
    public void RetryDelay_Doubles_UpToTheCap()
    {
        var options = new OutboxOptions { InitialRetryDelay = TimeSpan.FromSeconds(10), MaxRetryDelay = TimeSpan.FromMinutes(1) };

        Assert.Equal(
            [10, 20, 40, 60, 60],
            Enumerable.Range(1, 5).Select(failed => options.RetryDelay(failed).TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), options.RetryDelay(int.MaxValue));
    }

    private Task AppendAsync(IStreamStore streams, string stream, string json) =>
        streams.AppendAsync(stream, Encoding.UTF8.GetBytes(json), Ct);
}
