using System.Net;
using System.Text.Json;
using CaaBot.DirectLine.Tests.Support;
using CaaBot.Protocol.Schema;

namespace CaaBot.DirectLine.Tests.Api;

public sealed class ActivityEndpointTests
{
    [Fact]
    public async Task Start_TwiceWithTheSameToken_201ThenOkAndOneConversationUpdate()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        using var generated = await host.PostJsonAsync("/v3/directline/tokens/generate", null, token: null);
        var token = (await DirectLineTestHost.ReadAsync(generated)).GetProperty("token").GetString();

        using var first = await host.PostJsonAsync("/v3/directline/conversations", null, token);
        using var second = await host.PostJsonAsync("/v3/directline/conversations", null, token);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var update = Assert.Single(host.Bot.Received);
        Assert.Equal(ActivityTypes.ConversationUpdate, update.Type);
        Assert.Equal(2, update.MembersAdded?.Count);
        Assert.StartsWith("ws://localhost/v3/directline/conversations/", (await DirectLineTestHost.ReadAsync(first)).GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WebChatMessage_EchoedWithClientActivityIdAndServerStamps()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        var posted = await host.PostActivityAsync(session, WebChatMessage("hello", "client-1", fromId: "r_page-chosen-id"));
        var set = await host.GetActivitiesAsync(session);

        var echo = Assert.Single(set.Activities, activity => activity.Id == posted.Id);
        Assert.Equal("client-1", echo.ChannelData?.GetProperty("clientActivityID").GetString());
        Assert.Equal(session.UserId, echo.From?.Id);
        Assert.Equal("user", echo.From?.Role);
        Assert.Equal("directline", echo.ChannelId);
        Assert.Equal(session.ConversationId, echo.Conversation?.Id);
        Assert.Equal(host.Clock.GetUtcNow(), echo.Timestamp);
        Assert.Equal(TimeSpan.Zero, echo.Timestamp!.Value.Offset);
        Assert.Equal("http://localhost/", echo.ServiceUrl);
        var reply = Assert.Single(set.Activities, activity => activity.ReplyToId == posted.Id);
        Assert.Equal("echo: hello", reply.Text);
        Assert.Equal("bot", reply.From?.Role);
        Assert.Equal(session.UserId, reply.Recipient?.Id);
        // The bot saw the stamped activity, with the token's user, not the one the page claimed.
        Assert.Contains(host.Bot.Received, activity => activity.Id == posted.Id && activity.From?.Id == session.UserId);
    }

    [Fact]
    public async Task Get_WithWatermark_ReturnsOnlyNewerActivitiesAndAStringWatermark()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();
        await host.PostActivityAsync(session, WebChatMessage("one", "c1"));
        var first = await host.GetActivitiesAsync(session, watermark: string.Empty);

        await host.PostActivityAsync(session, WebChatMessage("two", "c2"));
        var second = await host.GetActivitiesAsync(session, first.Watermark);
        var nothingNew = await host.GetActivitiesAsync(session, second.Watermark);

        Assert.Equal("2", first.Watermark);
        Assert.Equal(["two", "echo: two"], second.Activities.Select(activity => activity.Text));
        Assert.Equal("4", second.Watermark);
        Assert.Empty(nothingNew.Activities);
        Assert.Equal("4", nothingNew.Watermark);
    }

    [Fact]
    public async Task Update_ByTheBot_ReappendsTheSameIdAndTimestampWithNewContent()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();
        await host.PostActivityAsync(session, WebChatMessage("card please", "c1"));
        var before = await host.GetActivitiesAsync(session);
        var original = Assert.Single(before.Activities, activity => activity.Text == "echo: card please");
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        await host.PostActivityAsync(session, WebChatMessage("edit", "c2"));
        var after = await host.GetActivitiesAsync(session, before.Watermark);

        var replaced = Assert.Single(after.Activities, activity => activity.Id == original.Id);
        Assert.Equal("edited", replaced.Text);
        Assert.Equal(original.Timestamp, replaced.Timestamp);
        Assert.Equal("bot", replaced.From?.Role);
    }

    [Fact]
    public async Task Post_TypingFromTheUser_IsEchoedLiveButNotPolledAndNotGivenToTheBot()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        await host.PostActivityAsync(session, new Activity { Type = ActivityTypes.Typing });
        var set = await host.GetActivitiesAsync(session);

        Assert.Empty(set.Activities);
        Assert.Equal("1", set.Watermark);
        Assert.DoesNotContain(host.Bot.Received, activity => activity.Type == ActivityTypes.Typing);
    }

    [Fact]
    public async Task Post_BotFails_Returns502AndTheEchoStays()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        using var response = await host.PostJsonAsync($"/v3/directline/conversations/{session.ConversationId}/activities", WebChatMessage("fail", "c1"), session.Token);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains((await host.GetActivitiesAsync(session)).Activities, activity => activity.Text == "fail");
    }

    [Fact]
    public async Task Post_LargerThan256KB_Returns413AndNothingIsStored()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        using var response = await host.PostJsonAsync(
            $"/v3/directline/conversations/{session.ConversationId}/activities", WebChatMessage(new string('x', 270 * 1024), "big"), session.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await host.GetActivitiesAsync(session)).Activities);
    }

    [Fact]
    public async Task Reconnect_WithWatermark_GivesAFreshStreamUrlThatResumesThere()
    {
        await using var host = await DirectLineTestHost.StartAsync();
        var session = await host.StartConversationAsync();

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var response = await host.GetAsync($"/v3/directline/conversations/{session.ConversationId}?watermark=7", session.Token);

        var conversation = await DirectLineTestHost.ReadAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("&watermark=7", conversation.GetProperty("streamUrl").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(session.Token, conversation.GetProperty("token").GetString());
    }

    internal static Activity WebChatMessage(string text, string clientActivityId, string fromId = "r_page") => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        ChannelId = "webchat",
        From = new ChannelAccount { Id = fromId, Role = "user" },
        ChannelData = JsonSerializer.SerializeToElement(new { clientActivityID = clientActivityId }),
    };
}
