using Microsoft.Extensions.Logging;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>One captured log line.</summary>
public sealed record LogEntry(LogLevel Level, int EventId, string Message, Exception? Exception);
