using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Dialogs;

/// <summary>Log lines of the dialog engine. Event ids 1100–1199.</summary>
internal static partial class DialogLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Turn {CorrelationId}: restarting the conversation because {Reason}")]
    public static partial void RestartedAfterChange(ILogger logger, string correlationId, string reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Turn {CorrelationId}: interruption '{Interruption}' handled before the active step")]
    public static partial void Interrupted(ILogger logger, string correlationId, string interruption);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Turn {CorrelationId}: card submit for a prompt that is no longer open was ignored")]
    public static partial void StaleCardIgnored(ILogger logger, string correlationId);
}
