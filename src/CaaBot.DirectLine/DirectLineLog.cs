using Microsoft.Extensions.Logging;

namespace CaaBot.DirectLine;

/// <summary>Log messages of the Direct Line channel. Event ids 4000–4099. Tokens and secrets are never logged.</summary>
internal static partial class DirectLineLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "No CaaBot:DirectLine:TokenSigningKey is configured: tokens are signed with a random per-process key and die with this process; several instances will not accept each other's tokens.")]
    public static partial void RandomSigningKey(ILogger logger);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Issued a Direct Line token for conversation {ConversationId} ({IdentitySource}).")]
    public static partial void TokenIssued(ILogger logger, string conversationId, string identitySource);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Refused a Direct Line request to {Path}: {Reason}")]
    public static partial void Refused(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} started.")]
    public static partial void ConversationStarted(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Error, Message = "The bot failed on an activity of Direct Line conversation {ConversationId}.")]
    public static partial void BotFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Debug, Message = "A client posted from.id other than its token's user in conversation {ConversationId}; the token's user was used.")]
    public static partial void SenderOverwritten(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Debug, Message = "WebSocket of conversation {ConversationId} closed.")]
    public static partial void StreamClosed(ILogger logger, string conversationId);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Stored upload {UploadId} ({ContentType}, {Length} bytes) in conversation {ConversationId}.")]
    public static partial void Uploaded(ILogger logger, string uploadId, string contentType, long length, string conversationId);
}
