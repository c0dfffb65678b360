using CaaBot.Conversations.Testing.Time;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Tests.Handoff;

public sealed class LiveHandoffDeskTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly HandoffAgent Alex = new("local:alex", "Alex Moreno", AgentChannel.Console);
    private static readonly HandoffAgent Sam = new("local:sam", "Sam Okafor", AgentChannel.Console);

    private readonly ManualTimeProvider _clock = new(Start);
    private readonly IDocumentStore _documents = new YieldingDocumentStore(new InMemoryDocumentStore());
    private readonly InMemoryStreamStore _streams = new();
    private readonly RecordingObserver _observer = new();

    private LiveHandoffDesk Desk(params IHandoffObserver[] observers) =>
        new(_documents, _streams, observers.Length == 0 ? [_observer] : observers, _clock, NullLogger<LiveHandoffDesk>.Instance);

    private static TicketRequest RequestFrom(string conversationId) => Requests.Complete("case-" + conversationId) with
    {
        Conversation = new ConversationReference { ChannelId = "directline", Conversation = new ConversationAccount { Id = conversationId } },
    };

    [Fact]
    public async Task Request_QueuesTheUserOnceAndListsThemWaiting()
    {
        var desk = Desk();
        var id = LiveHandoffDesk.NewSessionId();

        var session = await desk.RequestAsync(id, "CAA-000007", RequestFrom("c1"), "transcript/directline/c1", 12, CancellationToken.None);
        var again = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000007", RequestFrom("c1"), null, 0, CancellationToken.None);

        Assert.Equal(id, session.Id);
        Assert.Equal(id, again.Id);
        Assert.Equal(HandoffState.Waiting, session.State);
        var open = Assert.Single(await desk.ListOpenAsync(CancellationToken.None));
        Assert.Equal("Ada Lovelace", open.UserName);
        Assert.Equal(12, open.TranscriptUpTo);
        Assert.Equal([HandoffChangeKind.Requested], _observer.Kinds);
        Assert.Equal(id, (await desk.FindOpenForAsync("directline", "c1", CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task Take_ManyAgentsAtOnce_ExactlyOneGetsTheChat()
    {
        var desk = Desk();
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);
        var agents = Enumerable.Range(1, 12).Select(n => new HandoffAgent($"local:agent{n}", $"Agent {n}", AgentChannel.Console)).ToList();

        var outcomes = await Task.WhenAll(agents.Select(agent => Task.Run(() => desk.TakeAsync(session.Id, agent, CancellationToken.None))));

        Assert.Single(outcomes, outcome => outcome.Outcome == HandoffOutcome.Done);
        Assert.Equal(11, outcomes.Count(outcome => outcome.Outcome == HandoffOutcome.TakenByAnother));
        var winner = outcomes.Single(outcome => outcome.Outcome == HandoffOutcome.Done).Session!.Agent!;
        Assert.Equal(winner, (await desk.FindAsync(session.Id, CancellationToken.None))!.Agent);
        Assert.Single(_observer.Kinds, kind => kind == HandoffChangeKind.Taken);
    }

    [Fact]
    public async Task Take_SameAgentTwice_IsDoneOnceAndToldOnce()
    {
        var desk = Desk();
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);

        Assert.Equal(HandoffOutcome.Done, (await desk.TakeAsync(session.Id, Alex, CancellationToken.None)).Outcome);
        Assert.Equal(HandoffOutcome.Done, (await desk.TakeAsync(session.Id, Alex, CancellationToken.None)).Outcome);

        Assert.Equal([HandoffChangeKind.Requested, HandoffChangeKind.Taken], _observer.Kinds);
    }

    [Fact]
    public async Task AgentSays_OnlyTheAgentWhoTookTheChatSpeaksInIt()
    {
        var desk = Desk();
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);

        Assert.Equal(HandoffOutcome.NotTaken, await desk.AgentSaysAsync(session.Id, Alex.Id, "Hello", CancellationToken.None));
        await desk.TakeAsync(session.Id, Alex, CancellationToken.None);
        Assert.Equal(HandoffOutcome.NotYours, await desk.AgentSaysAsync(session.Id, Sam.Id, "Hello", CancellationToken.None));
        Assert.Equal(HandoffOutcome.Invalid, await desk.AgentSaysAsync(session.Id, Alex.Id, "   ", CancellationToken.None));
        Assert.Equal(HandoffOutcome.Invalid, await desk.AgentSaysAsync(session.Id, Alex.Id, new string('x', LiveHandoffDesk.MaxMessageLength + 1), CancellationToken.None));
        Assert.Equal(HandoffOutcome.Done, await desk.AgentSaysAsync(session.Id, Alex.Id, "  Hi Ada, I'm looking at your ticket.  ", CancellationToken.None));

        var (sequence, message) = Assert.Single(await desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None));
        Assert.Equal(1, sequence);
        Assert.Equal(new HandoffMessage(HandoffSpeaker.Agent, "Alex Moreno", "Hi Ada, I'm looking at your ticket.", Start), message);
        var told = _observer.Changes.Last();
        Assert.Equal(HandoffChangeKind.AgentMessage, told.Kind);
        Assert.Equal(message, told.Message);
    }

    [Fact]
    public async Task UserSays_WhileWaiting_IsKeptForTheAgentWhoTakesIt()
    {
        var desk = Desk();
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);

        Assert.Equal(HandoffOutcome.Done, await desk.UserSaysAsync(session.Id, "<script>alert(1)</script> still broken", CancellationToken.None));
        await desk.TakeAsync(session.Id, Alex, CancellationToken.None);

        var (_, message) = Assert.Single(await desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None));
        Assert.Equal(HandoffSpeaker.User, message.From);
        Assert.Equal("<script>alert(1)</script> still broken", message.Text);
    }

    [Fact]
    public async Task End_ByTheOwner_EndsItForGoodAndTakesItOffTheQueue()
    {
        var desk = Desk();
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);
        await desk.TakeAsync(session.Id, Alex, CancellationToken.None);

        Assert.Equal(HandoffOutcome.NotYours, (await desk.EndAsync(session.Id, HandoffEnd.Closed, Sam.Id, CancellationToken.None)).Outcome);
        _clock.Advance(TimeSpan.FromMinutes(4));
        var (outcome, ended) = await desk.EndAsync(session.Id, HandoffEnd.Closed, Alex.Id, CancellationToken.None);

        Assert.Equal(HandoffOutcome.Done, outcome);
        Assert.Equal(HandoffState.Ended, ended!.State);
        Assert.Equal(HandoffEnd.Closed, ended.End);
        Assert.Equal(Start.AddMinutes(4), ended.EndedAt);
        Assert.Empty(await desk.ListOpenAsync(CancellationToken.None));
        Assert.Null(await desk.FindOpenForAsync("directline", "c1", CancellationToken.None));
        Assert.Equal(HandoffOutcome.AlreadyEnded, (await desk.EndAsync(session.Id, HandoffEnd.HandedBack, Alex.Id, CancellationToken.None)).Outcome);
        Assert.Equal(HandoffOutcome.AlreadyEnded, await desk.AgentSaysAsync(session.Id, Alex.Id, "Anything else?", CancellationToken.None));
        Assert.Equal(HandoffOutcome.AlreadyEnded, await desk.UserSaysAsync(session.Id, "hello?", CancellationToken.None));
        Assert.Single(_observer.Kinds, kind => kind == HandoffChangeKind.Ended);

        // A new request from the same conversation is a new chat.
        var next = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);
        Assert.NotEqual(session.Id, next.Id);
    }

    [Fact]
    public async Task EndByTheUser_WhileWaiting_NeedsNoAgent()
    {
        var desk = Desk();
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);

        var (outcome, ended) = await desk.EndAsync(session.Id, HandoffEnd.UserLeft, agentId: null, CancellationToken.None);

        Assert.Equal(HandoffOutcome.Done, outcome);
        Assert.Equal(HandoffEnd.UserLeft, ended!.End);
    }

    [Theory]
    [InlineData("../../helpdesk/ticket/CAA-000001")]
    [InlineData("0123456789ABCDEF")]
    [InlineData("")]
    [InlineData("0123456789abcdef0")]
    public async Task NotASessionId_IsNotFoundAndReachesNoOtherKey(string id)
    {
        var desk = Desk();

        Assert.Null(await desk.FindAsync(id, CancellationToken.None));
        Assert.Equal(HandoffOutcome.NotFound, (await desk.TakeAsync(id, Alex, CancellationToken.None)).Outcome);
        Assert.Equal(HandoffOutcome.NotFound, await desk.AgentSaysAsync(id, Alex.Id, "hi", CancellationToken.None));
        Assert.Empty(await desk.ReadMessagesAsync(id, 0, CancellationToken.None));
    }

    [Fact]
    public async Task AFailingObserver_DoesNotKeepTheOthersFromHearing()
    {
        var desk = Desk(new ThrowingObserver(), _observer);

        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);
        await desk.TakeAsync(session.Id, Alex, CancellationToken.None);

        Assert.Equal([HandoffChangeKind.Requested, HandoffChangeKind.Taken], _observer.Kinds);
    }

    [Fact]
    public async Task Feed_NamesEveryChangeInOrder_ForConsolesOnAnyInstance()
    {
        var desk = Desk();
        var heard = new List<long>();
        using var subscription = desk.SubscribeToFeed(heard.Add);
        var session = await desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000001", RequestFrom("c1"), null, 0, CancellationToken.None);
        await desk.TakeAsync(session.Id, Alex, CancellationToken.None);
        await desk.UserSaysAsync(session.Id, "hi", CancellationToken.None);
        await desk.AgentSaysAsync(session.Id, Alex.Id, "hello", CancellationToken.None);
        await desk.EndAsync(session.Id, HandoffEnd.HandedBack, Alex.Id, CancellationToken.None);

        var feed = await desk.ReadFeedAsync(0, 100, CancellationToken.None);

        Assert.Equal(
            [HandoffChangeKind.Requested, HandoffChangeKind.Taken, HandoffChangeKind.UserMessage, HandoffChangeKind.AgentMessage, HandoffChangeKind.Ended],
            feed.Select(entry => entry.Entry.Kind));
        Assert.All(feed, entry => Assert.Equal(session.Id, entry.Entry.SessionId));
        Assert.Equal([1L, 2L], feed.Where(entry => entry.Entry.Kind is HandoffChangeKind.UserMessage or HandoffChangeKind.AgentMessage).Select(entry => entry.Entry.MessageSequence));
        Assert.Equal(5, heard.Count);
        Assert.Equal(5, await desk.FeedPositionAsync(CancellationToken.None));
    }

    private sealed class RecordingObserver : IHandoffObserver
    {
        public List<HandoffChange> Changes { get; } = [];

        public IReadOnlyList<HandoffChangeKind> Kinds
        {
            get
            {
                lock (Changes)
                {
                    return [.. Changes.Select(change => change.Kind)];
                }
            }
        }

        public Task OnChangedAsync(HandoffChange change, CancellationToken cancellationToken)
        {
            lock (Changes)
            {
                Changes.Add(change);
            }

            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IHandoffObserver
    {
        public Task OnChangedAsync(HandoffChange change, CancellationToken cancellationToken) =>
            throw new HttpRequestException("The Teams channel is down.");
    }
}
