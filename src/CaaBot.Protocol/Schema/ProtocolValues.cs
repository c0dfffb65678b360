namespace CaaBot.Protocol.Schema;

/// <summary>Values of <see cref="Activity.InputHint"/> (the SDK's "…Input" spelling, which channels expect).</summary>
public static class InputHints
{
    public const string AcceptingInput = "acceptingInput";
    public const string ExpectingInput = "expectingInput";
    public const string IgnoringInput = "ignoringInput";
}

/// <summary>Values of <see cref="Activity.DeliveryMode"/>.</summary>
public static class DeliveryModes
{
    public const string Normal = "normal";
    public const string Notification = "notification";
    public const string ExpectReplies = "expectReplies";
    public const string Ephemeral = "ephemeral";
}

/// <summary>Values of <see cref="ChannelAccount.Role"/>.</summary>
public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
    public const string Skill = "skill";
}

/// <summary>Values of <see cref="Activity.TextFormat"/>.</summary>
public static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
    public const string Xml = "xml";
}

/// <summary>Channel ids the bot treats specially.</summary>
public static class Channels
{
    public const string MsTeams = "msteams";
    public const string DirectLine = "directline";
    public const string WebChat = "webchat";
    public const string Emulator = "emulator";
    public const string Test = "test";
}

/// <summary>Attachment content types.</summary>
public static class ContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string Json = "application/json";

    /// <summary>Invoke response body type: the client shows <c>value</c> as a message.</summary>
    public const string ActivityMessage = "application/vnd.microsoft.activity.message";

    /// <summary>Invoke response body type: <c>value</c> is <c>{code, message}</c>.</summary>
    public const string Error = "application/vnd.microsoft.error";
}

/// <summary>Values of <see cref="CardAction.Type"/>.</summary>
public static class ActionTypes
{
    public const string ImBack = "imBack";
    public const string PostBack = "postBack";
    public const string MessageBack = "messageBack";
    public const string OpenUrl = "openUrl";
    public const string SignIn = "signin";
    public const string Invoke = "invoke";
}

/// <summary>Values of <see cref="Activity.Code"/> on endOfConversation.</summary>
public static class EndOfConversationCodes
{
    public const string Unknown = "unknown";
    public const string CompletedSuccessfully = "completedSuccessfully";
    public const string UserCancelled = "userCancelled";
}
