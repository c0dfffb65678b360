using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>One log line: level, event id, the formatted message and every structured value as <c>name=value</c>.</summary>
public sealed record RecordedLog(LogLevel Level, int EventId, string Message, IReadOnlyList<string> Values);
