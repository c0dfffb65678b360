using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CaaBot.Protocol.Tests.Infrastructure;

/// <summary>One formatted log entry.</summary>
internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, Exception? Exception);

/// <summary>Keeps every log entry so tests can assert on events and on what must never be logged.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception), exception));
}
