using CaaBot.Conversations.Testing;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>In a Teams channel or group chat the bot stays quiet until mentioned, and a mention with a code is understood.</summary>
public sealed class SharedConversationJourneyTests
{
    private static readonly TestAdapterOptions Channel = new() { ChannelId = "msteams", ConversationId = "19:general@thread.tacv2;messageid=1700000000001" };

    [Fact]
    public async Task TeamChannel_PeopleJoining_GetNoWelcomeAndTheBotIntroducesItselfOnceWhenAdded()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var flow = bot.FlowOn(Channel);
        var adapter = flow.Adapter;
        var inChannel = new ConversationAccount { Id = Channel.ConversationId, ConversationType = "channel", IsGroup = true };
        Activity Update(params ChannelAccount[] added) => adapter.MakeIncoming(ActivityTypes.ConversationUpdate) with { Conversation = inChannel, MembersAdded = added };

        await flow
            .Send(Update(adapter.User))
            .AssertNoReply()
            .Send(Update(adapter.Bot))
            .AssertReply(SupportBot.SharedIntroduction)
            .Send(Update(adapter.Bot))
            .Send(Update(new ChannelAccount { Id = "29:someone-new" }))
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task TeamChannel_MentionWithACode_GoesStraightToItsGuide()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var flow = bot.FlowOn(Channel);
        var adapter = flow.Adapter;
        var mention = adapter.MakeMessage("<at>CaaBot</at> 0xCAA20004 on windows") with
        {
            Conversation = new ConversationAccount { Id = Channel.ConversationId, ConversationType = "channel", IsGroup = true },
            Entities = [ProtocolJson.Deserialize<Entity>($$$"""{"type":"mention","text":"<at>CaaBot</at>","mentioned":{"id":"{{{adapter.Bot.Id}}}","name":"CaaBot"}}""")!],
        };

        await flow
            .Send(mention)
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard()
            .StartTestAsync();
    }
}
