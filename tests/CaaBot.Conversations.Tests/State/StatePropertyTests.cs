using System.Text.Json;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.State;

public sealed class StatePropertyTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly StateProperty<int> Attempts = ConversationState.CreateProperty("attempts", TestJson.Default.Int32, () => 0);
    private static readonly StateProperty<Profile> ProfileProperty = ConversationState.CreateProperty("profile", Json, () => new Profile("nobody", Platform.Web, []));
    private static readonly StateProperty<List<string>> StepsTried = ConversationState.CreateProperty("stepsTried", TestJson.Default.ListString, () => []);
    private static readonly StateProperty<Dictionary<string, int>> Counts = ConversationState.CreateProperty<Dictionary<string, int>>("counts", Json, () => []);
    private static readonly StateProperty<DateTimeOffset> LastSeen = UserState.CreateProperty("lastSeen", Json, () => DateTimeOffset.MinValue);
    private static readonly StateProperty<string> PreferredName = UserState.CreateProperty("preferredName", Json, () => string.Empty);

    [Fact]
    public async Task Get_AfterStorageRoundTrip_ReturnsDeclaredTypes()
    {
        var adapter = new TestAdapter();
        var written = new Profile("Ada", Platform.Mac, [new Attempt(1, true)]);
        await InTurn.RunAsync(adapter, turn =>
        {
            Attempts.Set(turn, 3);
            ProfileProperty.Set(turn, written);
            StepsTried.Set(turn, ["clear cache", "reinstall"]);
            Counts.Set(turn, new() { ["a"] = 1 });
            LastSeen.Set(turn, adapter.Clock.GetUtcNow());
        }, "write");

        await InTurn.RunAsync(adapter, turn =>
        {
            Assert.Equal(3, Attempts.Get(turn));
            Assert.Equal(written.Name, ProfileProperty.Get(turn).Name);
            Assert.Equal(Platform.Mac, ProfileProperty.Get(turn).Platform);
            Assert.Equal([new Attempt(1, true)], ProfileProperty.Get(turn).Attempts);
            Assert.Equal(["clear cache", "reinstall"], StepsTried.Get(turn));
            Assert.Equal(1, Counts.Get(turn)["a"]);
            Assert.Equal(adapter.Clock.GetUtcNow(), LastSeen.Get(turn));
        }, "read");

        Assert.Equal(0, adapter.UnreadReplyCount);
    }

    [Fact]
    public async Task GetTryGetDelete_BehaveAsDocumented()
    {
        var adapter = new TestAdapter();
        await InTurn.RunAsync(adapter, turn =>
        {
            Assert.False(Attempts.TryGet(turn, out _));
            Assert.Equal(0, Attempts.Get(turn));
            Attempts.Set(turn, 5);
            Assert.True(Attempts.TryGet(turn, out var five));
            Assert.Equal(5, five);
            Attempts.Delete(turn);
            Assert.False(Attempts.TryGet(turn, out _));
        }, "x");
    }

    [Fact]
    public async Task UserState_FollowsTheUserIntoAnotherConversation()
    {
        var store = new InMemoryDocumentStore();
        var teams = new TestAdapter(new TestAdapterOptions { Store = store, ConversationId = "on-phone" });
        var web = new TestAdapter(new TestAdapterOptions { Store = store, ConversationId = "on-laptop" });

        await InTurn.RunAsync(teams, turn =>
        {
            PreferredName.Set(turn, "Ada");
            Attempts.Set(turn, 1);
        }, "call me Ada");

        await InTurn.RunAsync(web, turn =>
        {
            Assert.Equal("Ada", PreferredName.Get(turn));
            Assert.False(Attempts.TryGet(turn, out _));
        }, "hi");
    }

    [Fact]
    public async Task UserState_TwoConversationsChangingDifferentPropertiesAtOnce_KeepsBoth()
    {
        var store = new InMemoryDocumentStore();
        var phone = new TestAdapter(new TestAdapterOptions { Store = store, ConversationId = "on-phone" });
        var laptop = new TestAdapter(new TestAdapterOptions { Store = store, ConversationId = "on-laptop" });
        var phoneHasRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var laptopHasCommitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var phoneTurn = phone.SendTextAsync("x", new DelegateBot(async (turn, token) =>
        {
            PreferredName.Set(turn, "Ada");
            phoneHasRead.SetResult();
            await laptopHasCommitted.Task.WaitAsync(token);
        }), CancellationToken.None);
        await phoneHasRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await InTurn.RunAsync(laptop, turn =>
        {
            LastSeen.Set(turn, DateTimeOffset.UnixEpoch);
        }, "y");
        laptopHasCommitted.SetResult();
        await phoneTurn;

        await InTurn.RunAsync(phone, turn =>
        {
            Assert.Equal("Ada", PreferredName.Get(turn));
            Assert.Equal(DateTimeOffset.UnixEpoch, LastSeen.Get(turn));
        }, "check");
    }

    [Fact]
    public async Task Get_StoredValueOfAnOlderIncompatibleType_ReadsAsAbsent()
    {
        var adapter = new TestAdapter();
        var asText = ConversationState.CreateProperty("attempts", Json, () => "none");
        await InTurn.RunAsync(adapter, turn =>
        {
            asText.Set(turn, "three");
        }, "x");

        await InTurn.RunAsync(adapter, turn =>
        {
            Assert.Equal(0, Attempts.Get(turn));
        }, "y");
    }

    [Fact]
    public async Task UserState_ActivityWithoutSender_IsEmptyAndNotSaved()
    {
        var adapter = new TestAdapter();
        var anonymous = adapter.MakeMessage("hi") with { From = new Protocol.Schema.ChannelAccount() };

        await adapter.Processor.ProcessAsync(anonymous, adapter, new DelegateBot((turn, token) =>
        {
            Assert.Null(turn.TurnState.GetRequired<UserState>().StorageKey);
            PreferredName.Set(turn, "ghost");
            return Task.CompletedTask;
        }), CancellationToken.None);

        Assert.Null(await adapter.Store.ReadAsync("user/test/", CancellationToken.None));
    }

    public enum Platform
    {
        Windows,
        Mac,
        Web,
    }

    public sealed record Attempt(int Step, bool Worked);

    public sealed record Profile(string Name, Platform Platform, IReadOnlyList<Attempt> Attempts);
}
