using CaaBot.Conversations.Scheduling;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Tests.Scheduling;

public sealed class PendingTurnQueueTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static ScheduledTurn Turn(string id, DateTimeOffset dueAt) => new(
        id,
        dueAt,
        new ConversationReference { ChannelId = "msteams", Conversation = new ConversationAccount { Id = "conv-" + id } },
        "caabot/followUp",
        null);

    [Fact]
    public void DueAt_ReturnsOnlyTurnsDueByThen_EarliestFirstAndTiesInStreamOrder()
    {
        var queue = new PendingTurnQueue();
        queue.TryAdd(Turn("late", Noon.AddHours(2)), sequence: 1);
        queue.TryAdd(Turn("tie-b", Noon.AddMinutes(5)), sequence: 3);
        queue.TryAdd(Turn("first", Noon), sequence: 4);
        queue.TryAdd(Turn("tie-a", Noon.AddMinutes(5)), sequence: 2);

        var due = queue.DueAt(Noon.AddMinutes(5));

        Assert.Equal(["first", "tie-a", "tie-b"], due.Select(p => p.Turn.Id));
        Assert.Equal(Noon, queue.EarliestDue);
        Assert.Equal(1, queue.OldestSequence);
    }

    [Fact]
    public void TryAdd_TheSameIdTwice_KeepsTheFirstEntry()
    {
        var queue = new PendingTurnQueue();

        Assert.True(queue.TryAdd(Turn("t1", Noon), sequence: 7));
        Assert.False(queue.TryAdd(Turn("t1", Noon.AddDays(1)), sequence: 9));

        Assert.Equal(1, queue.Count);
        Assert.Equal(7, queue.OldestSequence);
        Assert.Equal(Noon, queue.EarliestDue);
    }

    [Fact]
    public void Reschedule_MovesTheTurnInDueOrder_AndRemoveForgetsItsSequence()
    {
        var queue = new PendingTurnQueue();
        queue.TryAdd(Turn("a", Noon), sequence: 1);
        queue.TryAdd(Turn("b", Noon.AddMinutes(1)), sequence: 2);
        var a = queue.DueAt(Noon).Single();

        queue.Reschedule(a, Noon.AddHours(1));

        Assert.Equal(Noon.AddMinutes(1), queue.EarliestDue);
        Assert.Equal(["b", "a"], queue.DueAt(Noon.AddHours(1)).Select(p => p.Turn.Id));
        Assert.Equal(1, queue.OldestSequence);

        queue.Remove(a);

        Assert.False(queue.Contains("a"));
        Assert.Equal(2, queue.OldestSequence);
        Assert.Equal(["b"], queue.DueAt(Noon.AddDays(1)).Select(p => p.Turn.Id));
    }

    [Fact]
    public void Reschedule_AfterRemove_DoesNotBringTheTurnBack()
    {
        var queue = new PendingTurnQueue();
        queue.TryAdd(Turn("a", Noon), sequence: 1);
        var a = queue.DueAt(Noon).Single();
        queue.Remove(a);

        queue.Reschedule(a, Noon.AddMinutes(1));

        Assert.Equal(0, queue.Count);
        Assert.Null(queue.EarliestDue);
        Assert.Null(queue.OldestSequence);
        Assert.Empty(queue.DueAt(Noon.AddDays(1)));
    }

    [Fact]
    public void TheQueue_WithManyWaitingTurns_StaysConsistentThroughRandomChanges()
    {
        var random = new Random(20261202);
        var queue = new PendingTurnQueue();
        var model = new Dictionary<string, (DateTimeOffset Due, long Sequence)>();
        for (var i = 0; i < 2_000; i++)
        {
            var due = Noon.AddSeconds(random.Next(0, 600));
            queue.TryAdd(Turn("t" + i, due), i + 1);
            model["t" + i] = (due, i + 1);
        }

        for (var round = 0; round < 500; round++)
        {
            var dueNow = queue.DueAt(Noon.AddSeconds(random.Next(0, 600)));
            if (dueNow.Count == 0)
            {
                continue;
            }

            var picked = dueNow[random.Next(dueNow.Count)];
            if (random.Next(2) == 0)
            {
                queue.Remove(picked);
                model.Remove(picked.Turn.Id);
            }
            else
            {
                var later = picked.NotBefore.AddSeconds(random.Next(1, 300));
                queue.Reschedule(picked, later);
                model[picked.Turn.Id] = (later, picked.Sequence);
            }
        }

        Assert.Equal(model.Count, queue.Count);
        Assert.Equal(model.Values.Min(v => v.Due), queue.EarliestDue);
        Assert.Equal(model.Values.Min(v => v.Sequence), queue.OldestSequence);
        var expectedOrder = model.OrderBy(kv => kv.Value.Due).ThenBy(kv => kv.Value.Sequence).Select(kv => kv.Key);
        Assert.Equal(expectedOrder, queue.DueAt(DateTimeOffset.MaxValue).Select(p => p.Turn.Id));
    }
}
