namespace CaaBot.Web.Endpoints;

/// <summary>Log messages of <see cref="BotMessageHandler"/>. Event ids 1000–1099.</summary>
internal static partial class BotMessageLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Warning, Message = "Refused a request to /api/messages: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "CaaBot:ChannelAuthentication:AllowEmulatorTokens is ignored outside Development: Emulator tokens stay refused")]
    public static partial void EmulatorTokensIgnored(ILogger logger);
}
