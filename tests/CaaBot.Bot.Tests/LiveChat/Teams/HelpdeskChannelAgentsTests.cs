using System.Text.Json;
using CaaBot.Bot.LiveChat.Teams;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaaBot.Bot.Tests.LiveChat.Teams;

/// <summary>What agents do in the helpdesk channel, turn by turn, against the real desk over in-memory stores.</summary>
public sealed class HelpdeskChannelAgentsTests
{
    private const string Channel = "19:helpdesk@thread.tacv2";
    private const string Tenant = "tenant-1";
    private const string Thread = Channel + ";messageid=1700";

    private readonly ManualTimeProvider _clock = new(HandoffSamples.At);
    private readonly InMemoryDocumentStore _documents = new();
    private readonly LiveHandoffDesk _desk;
    private readonly AgentPresence _presence;
    private readonly HelpdeskChannelAgents _agents;
    private readonly TestAdapter _adapter;

    public HelpdeskChannelAgentsTests()
    {
        _desk = new LiveHandoffDesk(_documents, new InMemoryStreamStore(_clock), [], _clock, NullLogger<LiveHandoffDesk>.Instance);
        _presence = new AgentPresence(_documents, _clock);
        _agents = new HelpdeskChannelAgents(
            _desk,
            _presence,
            Options.Create(new TeamsHelpdeskOptions { ChannelId = Channel, TenantId = Tenant, ServiceUrl = new Uri("https://smba.example.test/emea/") }),
            Options.Create(new LiveChatOptions { TeamsPresence = TimeSpan.FromHours(8) }),
            NullLogger<HelpdeskChannelAgents>.Instance);
        _adapter = new TestAdapter(new TestAdapterOptions { ChannelId = Channels.MsTeams, Clock = _clock, BotId = "28:bot", BotName = "CaaBot" });
    }

    [Theory]
    [InlineData(Channels.MsTeams, Channel, Tenant, true)]
    [InlineData(Channels.MsTeams, Channel, "TENANT-1", true)]
    [InlineData(Channels.MsTeams, Channel, "another-tenant", false)]
    [InlineData(Channels.MsTeams, "19:general@thread.tacv2", Tenant, false)]
    [InlineData(Channels.Emulator, Channel, Tenant, false)]
    public void IsFromHelpdeskChannel_OnlyTheConfiguredChannelOfTheConfiguredTenant(string channelId, string teamsChannel, string tenant, bool expected)
    {
        var activity = AgentMessage("alex", "hi", Thread) with { ChannelId = channelId, ChannelData = ChannelData(teamsChannel, tenant) };

        Assert.Equal(expected, _agents.IsFromHelpdeskChannel(activity));
    }

    [Fact]
    public void IsFromHelpdeskChannel_PersonalChatOfTheSameTenant_IsNot()
    {
        var personal = AgentMessage("alex", "available", "a:alex-personal") with
        {
            Conversation = new ConversationAccount { Id = "a:alex-personal", ConversationType = "personal", TenantId = Tenant },
            ChannelData = JsonSerializer.SerializeToElement(new { tenant = new { id = Tenant } }),
        };

        Assert.False(_agents.IsFromHelpdeskChannel(personal));
    }

    [Fact]
    public async Task AvailableThenAway_AtTheTopLevel_MarkTheAgentPresentThenGone()
    {
        var here = await SayAsync(AgentMessage("alex", "Available!", Channel + ";messageid=top-1"));

        Assert.Contains("for 8 hours", here, StringComparison.Ordinal);
        var present = Assert.Single(await _presence.PresentAsync(CancellationToken.None));
        Assert.Equal(new HandoffAgent("teams:aad-alex", "alex", AgentChannel.Teams), present);

        var away = await SayAsync(AgentMessage("alex", "away", Channel + ";messageid=top-2"));

        Assert.StartsWith("OK, alex, you're away", away, StringComparison.Ordinal);
        Assert.Empty(await _presence.PresentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AnythingElseAtTheTopLevel_IsAnsweredWithTheAgentsWords()
    {
        Assert.Equal(AgentThreadMessages.PresenceHelp, await SayAsync(AgentMessage("alex", "0xCAA20003", Channel + ";messageid=top-3")));
    }

    [Fact]
    public async Task Take_ThenAnotherAgentTakes_TheSecondIsToldWhoHasIt()
    {
        var session = await ThreadedSessionAsync();

        Assert.Null(await SayAsync(Click("alex", AgentCardSubmit.Take, session.Id)));
        var refused = await SayAsync(Click("bo", AgentCardSubmit.Take, session.Id));

        Assert.Equal("alex already has this chat.", refused);
        Assert.Equal("teams:aad-alex", (await _desk.FindAsync(session.Id, CancellationToken.None))!.Agent!.Id);
    }

    [Fact]
    public async Task ReplyInTheThread_FromTheTaker_ReachesTheUserWithoutTheMention()
    {
        var session = await ThreadedSessionAsync();
        await SayAsync(Click("alex", AgentCardSubmit.Take, session.Id));

        Assert.Null(await SayAsync(AgentMessage("alex", "Please restart your PC", Thread)));

        var (_, line) = Assert.Single(await _desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None));
        Assert.Equal((HandoffSpeaker.Agent, "alex", "Please restart your PC"), (line.From, line.Name, line.Text));
    }

    [Fact]
    public async Task ReplyInTheThread_FromAnotherAgent_IsRefusedPolitelyAndGoesNowhere()
    {
        var session = await ThreadedSessionAsync();
        await SayAsync(Click("alex", AgentCardSubmit.Take, session.Id));

        var refused = await SayAsync(AgentMessage("bo", "I know this one", Thread));

        Assert.StartsWith("Sorry, alex is chatting with Ada", refused, StringComparison.Ordinal);
        Assert.Empty(await _desk.ReadMessagesAsync(session.Id, 0, CancellationToken.None));
    }

    [Fact]
    public async Task ReplyInTheThread_BeforeAnybodyTookIt_AsksToTakeFirst()
    {
        await ThreadedSessionAsync();

        Assert.Equal(AgentThreadMessages.TakeFirst, await SayAsync(AgentMessage("alex", "hello?", Thread)));
    }

    [Theory]
    [InlineData("hand back", HandoffEnd.HandedBack)]
    [InlineData("close", HandoffEnd.Closed)]
    public async Task EndWordsInTheThread_FromTheTaker_EndTheChat(string words, HandoffEnd end)
    {
        var session = await ThreadedSessionAsync();
        await SayAsync(Click("alex", AgentCardSubmit.Take, session.Id));

        Assert.Null(await SayAsync(AgentMessage("alex", words, Thread)));

        Assert.Equal(end, (await _desk.FindAsync(session.Id, CancellationToken.None))!.End);
    }

    [Fact]
    public async Task CloseButton_FromAnotherAgent_LeavesTheChatOpen()
    {
        var session = await ThreadedSessionAsync();
        await SayAsync(Click("alex", AgentCardSubmit.Take, session.Id));

        var refused = await SayAsync(Click("bo", AgentCardSubmit.Close, session.Id));

        Assert.StartsWith("Sorry, alex is chatting", refused, StringComparison.Ordinal);
        Assert.True((await _desk.FindAsync(session.Id, CancellationToken.None))!.IsOpen);
    }

    [Fact]
    public async Task MessageFromAnotherTenant_IsLeftToTheSupportBot()
    {
        var stranger = AgentMessage("mallory", "available", Channel + ";messageid=top-4") with { ChannelData = ChannelData(Channel, "another-tenant") };

        Assert.Equal(NotAnAgent, await SayAsync(stranger));
        Assert.Empty(await _presence.PresentAsync(CancellationToken.None));
    }

    private const string NotAnAgent = "(the support bot)";

    private async Task<HandoffSession> ThreadedSessionAsync()
    {
        var session = await _desk.RequestAsync(LiveHandoffDesk.NewSessionId(), "CAA-000042", HandoffSamples.Request(), null, 0, CancellationToken.None);
        var thread = new ConversationReference { ChannelId = Channels.MsTeams, Conversation = new ConversationAccount { Id = Thread } };
        return (await _desk.AttachAgentThreadAsync(session.Id, thread, "1700", CancellationToken.None))!;
    }

    /// <summary>Runs one turn; returns the bot's one reply (null when it said nothing).</summary>
    private async Task<string?> SayAsync(Activity activity)
    {
        await _adapter.ProcessActivityAsync(activity, new AgentsFirstBot(_agents), CancellationToken.None);
        string? said = null;
        while (_adapter.TryGetNextReply(out var reply))
        {
            Assert.Null(said);
            said = reply.Text;
        }

        return said;
    }

    private static Activity AgentMessage(string name, string text, string conversationId) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = Channels.MsTeams,
        Text = "<at>CaaBot</at> " + text,
        From = new ChannelAccount { Id = "29:" + name, Name = name, AadObjectId = "aad-" + name },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "CaaBot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "channel", IsGroup = true },
        ChannelData = ChannelData(Channel, Tenant),
        Entities = [new Entity
        {
            Type = EntityTypes.Mention,
            Properties = new()
            {
                ["mentioned"] = JsonSerializer.SerializeToElement(new { id = "28:bot", name = "CaaBot" }),
                ["text"] = JsonSerializer.SerializeToElement("<at>CaaBot</at>"),
            },
        }],
    };

    private static Activity Click(string name, string action, string sessionId) => AgentMessage(name, string.Empty, Thread) with
    {
        Text = null,
        Entities = null,
        Value = JsonSerializer.SerializeToElement(new { action, sessionId }),
        ReplyToId = "1700",
    };

    private static JsonElement ChannelData(string channel, string tenant) =>
        JsonSerializer.SerializeToElement(new { channel = new { id = channel }, tenant = new { id = tenant } });

    /// <summary>The early branch of the support bot, with a stand-in for everything after it.</summary>
    private sealed class AgentsFirstBot(HelpdeskChannelAgents agents) : IBot
    {
        public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            if (!await agents.TryHandleAsync(turnContext, cancellationToken))
            {
                await turnContext.SendActivityAsync(MessageFactory.Text(NotAnAgent), cancellationToken);
            }
        }
    }
}
