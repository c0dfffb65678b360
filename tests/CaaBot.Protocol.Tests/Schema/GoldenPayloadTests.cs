using System.Text.Json;
using CaaBot.Protocol.Schema;
using CaaBot.Protocol.Tests.Infrastructure;

namespace CaaBot.Protocol.Tests.Schema;

/// <summary>
/// Real-shaped payloads (Teams, Web Chat over Direct Line, Agents Playground, a bot reply) read into the
/// typed records and written back: the fields a bot uses come out typed, and nothing a channel sent is lost.
/// </summary>
public sealed class GoldenPayloadTests
{
    private const string TeamsUserId = "29:1GcS4EyB_oSI8A88XmWBN7NJFyMqe3QGnJdgLfFGkJnVelzRGos0bPbpsfJjcbAD22bmKc4GMbrY2g4JDrrA8vM06X1";
    private const string TeamsBotId = "28:8d4f1c2e-5b7a-4e3f-9a1d-2c6b0e7f4a93";
    private const string TenantId = "4b1c9c85-3a1f-4b8e-9f43-6d2e0a7c5e11";

    public static TheoryData<string> GoldenFiles() => new(Golden.FileNames());

    [Fact]
    public void GoldenFolder_AllPayloads_ArePresent()
    {
        Assert.Equal(
            [
                "bot-reply-card.json",
                "playground-conversation-update.json",
                "playground-installation-update.json",
                "playground-message.json",
                "teams-card-submit.json",
                "teams-channel-mention.json",
                "teams-invoke-adaptive-card-action.json",
                "teams-personal-message.json",
                "webchat-card-submit.json",
                "webchat-message.json",
            ],
            Golden.FileNames());
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Activity_RoundTrip_IsSemanticallyEqual(string fileName)
    {
        var original = Golden.Read(fileName);

        var activity = Parse(original);
        var written = ProtocolJson.Serialize(activity);

        JsonSemantic.AssertEqual(original, written);
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Activity_RoundTripTwice_IsStable(string fileName)
    {
        var once = ProtocolJson.Serialize(Parse(Golden.Read(fileName)));
        var twice = ProtocolJson.Serialize(Parse(once));

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Deserialize_TeamsPersonalMessage_ExposesTypedFields()
    {
        var activity = Parse(Golden.Read("teams-personal-message.json"));

        Assert.Equal(ActivityTypes.Message, activity.Type);
        Assert.Equal(Channels.MsTeams, activity.ChannelId);
        Assert.Equal("1772439342123", activity.Id);
        Assert.Equal("https://smba.trafficmanager.net/emea/", activity.ServiceUrl);
        Assert.Equal("Teams says 0xCAA20003 every time I open it", activity.Text);
        Assert.Equal(TextFormats.Plain, activity.TextFormat);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 15, 42, TimeSpan.Zero).AddTicks(1234567), activity.Timestamp);
        Assert.Equal(TimeSpan.FromHours(1), activity.LocalTimestamp?.Offset);
        Assert.Equal("Europe/London", activity.LocalTimezone);
        Assert.Equal("en-GB", activity.Locale);

        Assert.Equal(TeamsUserId, activity.From?.Id);
        Assert.Equal("Ada Lovelace", activity.From?.Name);
        Assert.Equal("6f1c1d4e-2b3a-4c5d-8e9f-0a1b2c3d4e5f", activity.From?.AadObjectId);
        Assert.Equal(TeamsBotId, activity.Recipient?.Id);
        Assert.Equal("personal", activity.Conversation?.ConversationType);
        Assert.Equal(TenantId, activity.Conversation?.TenantId);
        Assert.StartsWith("a:", activity.Conversation?.Id, StringComparison.Ordinal);
        Assert.Null(activity.Conversation?.IsGroup);

        var clientInfo = Assert.Single(activity.Entities!);
        Assert.Equal(EntityTypes.ClientInfo, clientInfo.Type);
        Assert.Equal("Windows", clientInfo.Properties!["platform"].GetString());

        // Teams mirrors a formatted message as a text/html attachment; it is not a card.
        Assert.Equal("text/html", Assert.Single(activity.Attachments!).ContentType);

        Assert.Equal(TenantId, activity.ChannelData?.GetProperty("tenant").GetProperty("id").GetString());
        Assert.True(activity.Properties!.ContainsKey("x-undocumented-teams-field"));
        Assert.False(activity.IsCardSubmit());
    }

    [Fact]
    public void Deserialize_TeamsChannelMention_StripsOnlyTheBotMention()
    {
        var activity = Parse(Golden.Read("teams-channel-mention.json"));

        Assert.True(activity.Conversation?.IsGroup);
        Assert.Equal("channel", activity.Conversation?.ConversationType);
        Assert.Equal("19:8d1c5f0b2a7e4c3d9e6f1a2b3c4d5e6f@thread.tacv2;messageid=1772460100001", activity.Conversation?.Id);
        Assert.Equal("IT Helpdesk", activity.ChannelData?.GetProperty("team").GetProperty("name").GetString());
        Assert.Equal(TimeSpan.FromHours(-5), activity.LocalTimestamp?.Offset);

        var mention = activity.Entities!.Single(e => e.Type == EntityTypes.Mention);
        Assert.Equal(TeamsBotId, mention.Properties!["mentioned"].GetProperty("id").GetString());
        Assert.Equal("CAA2 0003 again on my laptop since this morning", activity.RemoveRecipientMention());
    }

    [Fact]
    public void Deserialize_TeamsCardSubmit_IsCardSubmitWithObjectValue()
    {
        var activity = Parse(Golden.Read("teams-card-submit.json"));

        Assert.True(activity.IsCardSubmit());
        Assert.Null(activity.Text);
        Assert.Equal("1772439380555", activity.ReplyToId);
        var value = activity.Value!.Value;
        Assert.Equal("stepOutcome", value.GetProperty("action").GetString());
        Assert.Equal("stillBroken", value.GetProperty("outcome").GetString());
        Assert.Equal(2, value.GetProperty("step").GetInt32());
        Assert.Equal("Cleared the cache, still \"0xCAA20003\" <b>bold</b>", value.GetProperty("notes").GetString());
    }

    [Fact]
    public void Deserialize_TeamsInvokeAdaptiveCardAction_ExposesNameAndAction()
    {
        var activity = Parse(Golden.Read("teams-invoke-adaptive-card-action.json"));

        Assert.Equal(ActivityTypes.Invoke, activity.Type);
        Assert.Equal("adaptiveCard/action", activity.Name);
        Assert.Equal("f:7d6c5b4a-3928-4170-b6e5-d4c3b2a19080", activity.Id);
        Assert.False(activity.IsCardSubmit());
        var action = activity.Value!.Value.GetProperty("action");
        Assert.Equal("Action.Execute", action.GetProperty("type").GetString());
        Assert.Equal("stepOutcome", action.GetProperty("verb").GetString());
        Assert.Equal("fixed", action.GetProperty("data").GetProperty("outcome").GetString());
        Assert.Equal("manual", activity.Value.Value.GetProperty("trigger").GetString());
    }

    [Fact]
    public void Deserialize_WebChatMessage_ExposesRoleCapabilitiesAndClientActivityId()
    {
        var activity = Parse(Golden.Read("webchat-message.json"));

        Assert.Equal(Channels.DirectLine, activity.ChannelId);
        Assert.Equal("K8ZqA2mW3xPv7LbT9cYdE1-eu|0000003", activity.Id);
        Assert.Equal(RoleTypes.User, activity.From?.Role);
        Assert.Equal(RoleTypes.Bot, activity.Recipient?.Role);
        Assert.Equal("Fehler CAA20003 – Teams lässt mich nicht rein", activity.Text);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 1, 7, 512, TimeSpan.FromHours(1)), activity.LocalTimestamp);
        Assert.Equal(TimeSpan.FromHours(1), activity.LocalTimestamp?.Offset);
        Assert.Equal("Europe/Berlin", activity.LocalTimezone);
        Assert.Equal("1772442067512s4x9k2mf3qa", activity.ChannelData?.GetProperty("clientActivityID").GetString());
        var capabilities = Assert.Single(activity.Entities!);
        Assert.Equal(EntityTypes.ClientCapabilities, capabilities.Type);
        Assert.True(capabilities.Properties!["supportsTts"].GetBoolean());
        Assert.False(activity.IsCardSubmit());
    }

    [Fact]
    public void Deserialize_WebChatCardSubmit_IsPostBackCardSubmit()
    {
        var activity = Parse(Golden.Read("webchat-card-submit.json"));

        Assert.True(activity.IsCardSubmit());
        Assert.True(activity.ChannelData?.GetProperty("postBack").GetBoolean());
        Assert.Equal("K8ZqA2mW3xPv7LbT9cYdE1-eu|0000006", activity.ReplyToId);
        Assert.Equal("fixed", activity.Value?.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Deserialize_PlaygroundInstallationUpdate_ExposesActionAndLocalServiceUrl()
    {
        var activity = Parse(Golden.Read("playground-installation-update.json"));

        Assert.Equal(ActivityTypes.InstallationUpdate, activity.Type);
        Assert.Equal("add", activity.Action);
        Assert.Equal(Channels.MsTeams, activity.ChannelId);
        Assert.Equal("http://localhost:56150/_connector", activity.ServiceUrl);
        Assert.Equal("00000000-0000-0000-0000-000000000001", activity.Conversation?.TenantId);
        Assert.Equal("00000000-0000-0000-0000-000000000020", activity.From?.AadObjectId);
    }

    [Fact]
    public void Deserialize_PlaygroundConversationUpdate_BotAmongMembersAdded()
    {
        var activity = Parse(Golden.Read("playground-conversation-update.json"));

        Assert.Equal(ActivityTypes.ConversationUpdate, activity.Type);
        Assert.Equal(2, activity.MembersAdded?.Count);
        Assert.Null(activity.MembersRemoved);
        var humans = activity.MembersAdded!.Where(m => m.Id != activity.Recipient?.Id).ToList();
        Assert.Equal("user-id-0", Assert.Single(humans).Id);
    }

    [Fact]
    public void Deserialize_PlaygroundMessage_ReplyAddressesTheUser()
    {
        var activity = Parse(Golden.Read("playground-message.json"));

        var reply = activity.CreateReply("Hello!");

        Assert.Equal("hi", activity.RemoveRecipientMention());
        Assert.Equal("user-id-0", reply.Recipient?.Id);
        Assert.Equal("00000000-0000-0000-0000-000000000011", reply.From?.Id);
        Assert.Equal("c1e5a7d3-8b24-4f60-9a17-3d5e0b2c8f46", reply.ReplyToId);
        Assert.Equal("http://localhost:56150/_connector", reply.ServiceUrl);
    }

    [Fact]
    public void Deserialize_BotReplyCard_ExposesCardAndSuggestedActions()
    {
        var activity = Parse(Golden.Read("bot-reply-card.json"));

        Assert.Null(activity.Id);
        Assert.Null(activity.Timestamp);
        Assert.Equal(InputHints.ExpectingInput, activity.InputHint);
        var card = Assert.Single(activity.Attachments!);
        Assert.Equal(ContentTypes.AdaptiveCard, card.ContentType);
        Assert.Equal("1.5", card.Content?.GetProperty("version").GetString());
        Assert.Equal(3, card.Content?.GetProperty("actions").GetArrayLength());
        Assert.Equal([TeamsUserId], activity.SuggestedActions?.To);
        Assert.Equal(["Start over", "Talk to a person"], activity.SuggestedActions!.Actions.Select(a => a.Title));
        Assert.Equal("agent", activity.SuggestedActions.Actions[1].Value?.GetString());
    }

    [Fact]
    public void Serialize_ReplyBuiltInCode_MatchesGoldenReply()
    {
        var incoming = Parse(Golden.Read("teams-personal-message.json"));
        var golden = Parse(Golden.Read("bot-reply-card.json"));

        var reply = incoming.CreateReply("Let's fix **0xCAA20003** together.") with
        {
            InputHint = InputHints.ExpectingInput,
            AttachmentLayout = "list",
            Attachments = golden.Attachments,
            SuggestedActions = new SuggestedActions
            {
                To = [incoming.From!.Id!],
                Actions = [CardAction.ImBack("Start over", "start over"), CardAction.ImBack("Talk to a person", "agent")],
            },
            ChannelData = ProtocolJson.ToElement(new { notification = new { alert = false } }),
        };

        JsonSemantic.AssertEqual(Golden.Read("bot-reply-card.json"), ProtocolJson.Serialize(reply));
    }

    private static Activity Parse(string json) =>
        ProtocolJson.Deserialize<Activity>(json) ?? throw new InvalidOperationException("null activity");
}
