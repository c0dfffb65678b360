using Microsoft.Extensions.Logging;

namespace CaaBot.Bot.Insights;

/// <summary>Log messages of the insights (event ids 6400–6409).</summary>
internal static partial class InsightsLog
{
    [LoggerMessage(EventId = 6400, Level = LogLevel.Warning, Message = "Skipped {Count} entries of {Stream} that are not insight events this version can read")]
    public static partial void UnreadableEventsSkipped(ILogger logger, int count, string stream);
}
