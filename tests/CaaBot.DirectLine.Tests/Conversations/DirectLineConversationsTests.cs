using System.Text.Json;
using CaaBot.Conversations.Testing.Time;
using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Conversations;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Tests.Conversations;

public sealed class DirectLineConversationsTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly DirectLineConversations _conversations;

    public DirectLineConversationsTests()
    {
        _conversations = new DirectLineConversations(new InMemoryDocumentStore(), new InMemoryStreamStore(_clock), Options.Create(new DirectLineOptions()), _clock);
    }

    [Fact]
    public async Task AppendFromUser_WebChatCardClickWithoutReplyToId_PointsAtTheCardThatHoldsTheButton()
    {
        var (conversation, _) = await _conversations.StartAsync("c1", "dl_user", null, CancellationToken.None);
        var stepCard = await BotCardAsync("c1", """{"action":"next","caabotPromptId":"p1"}""", """{"action":"skip","caabotPromptId":"p1"}""");
        var laterCard = await BotCardAsync("c1", """{"action":"yes","caabotPromptId":"p2"}""");
        await _conversations.AppendFromBotAsync("c1", new Activity { Type = ActivityTypes.Message, Text = "plain text after the cards" }, CancellationToken.None);

        var click = await _conversations.AppendFromUserAsync(conversation, Submit("""{"action":"skip","caabotPromptId":"p1","comment":"typed into an input"}"""), "https://dl.test/", CancellationToken.None);

        Assert.Equal(stepCard, click.Activity.ReplyToId);
        Assert.NotEqual(laterCard, click.Activity.ReplyToId);
    }

    [Fact]
    public async Task AppendFromUser_ClickMatchingNoCard_OrCarryingItsOwnReplyToId_IsLeftAsSent()
    {
        var (conversation, _) = await _conversations.StartAsync("c2", "dl_user", null, CancellationToken.None);
        await BotCardAsync("c2", """{"action":"next","caabotPromptId":"p1"}""");

        var unknown = await _conversations.AppendFromUserAsync(conversation, Submit("""{"action":"next","caabotPromptId":"someone-else"}"""), "https://dl.test/", CancellationToken.None);
        var explicitReply = await _conversations.AppendFromUserAsync(conversation, Submit("""{"action":"next","caabotPromptId":"p1"}""") with { ReplyToId = "given" }, "https://dl.test/", CancellationToken.None);
        var typed = await _conversations.AppendFromUserAsync(conversation, new Activity { Type = ActivityTypes.Message, Text = "next" }, "https://dl.test/", CancellationToken.None);

        Assert.Null(unknown.Activity.ReplyToId);
        Assert.Equal("given", explicitReply.Activity.ReplyToId);
        Assert.Null(typed.Activity.ReplyToId);
    }

    [Theory]
    [InlineData("aad:5F1C2A9E-8D3B-4B6F-9A51-0C7E2D4B8A10", "5f1c2a9e-8d3b-4b6f-9a51-0c7e2d4b8a10")]
    [InlineData("aad:not-a-guid", null)]
    [InlineData("dl_4b7e", null)]
    [InlineData("hdr:0a1b2c", null)]
    public async Task AppendFromUser_EntraIdentity_AlsoTravelsAsAadObjectId(string userId, string? expected)
    {
        var (conversation, _) = await _conversations.StartAsync("c3", userId, null, CancellationToken.None);

        var echo = await _conversations.AppendFromUserAsync(conversation, new Activity { Type = ActivityTypes.Message, Text = "hi", From = new ChannelAccount { Id = "spoofed", AadObjectId = "00000000-0000-0000-0000-000000000001" } }, "https://dl.test/", CancellationToken.None);

        Assert.Equal(userId, echo.Activity.From?.Id);
        Assert.Equal(expected, echo.Activity.From?.AadObjectId);
    }

    private async Task<string> BotCardAsync(string conversationId, params string[] submitData)
    {
        var card = JsonSerializer.SerializeToElement(new
        {
            type = "AdaptiveCard",
            version = "1.5",
            body = new[] { new { type = "TextBlock", text = "A step" } },
            actions = submitData.Select(data => new { type = "Action.Submit", title = "Go", data = JsonDocument.Parse(data).RootElement }).ToArray(),
        });
        var sent = await _conversations.AppendFromBotAsync(
            conversationId,
            new Activity { Type = ActivityTypes.Message, Attachments = [new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = card }] },
            CancellationToken.None);
        return sent.Activity.Id!;
    }

    private static Activity Submit(string value) => new()
    {
        Type = ActivityTypes.Message,
        Value = JsonDocument.Parse(value).RootElement.Clone(),
        ChannelData = ProtocolJson.ToElement(new { postBack = true }),
    };
}
