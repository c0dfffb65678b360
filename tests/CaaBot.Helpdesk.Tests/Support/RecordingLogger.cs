using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>Keeps every log line with its structured values, so tests can check what operators would see.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<RecordedLog> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(pair => $"{pair.Key}={pair.Value}").ToArray()
            : [];
        Entries.Enqueue(new RecordedLog(logLevel, eventId.Id, formatter(state, exception), values));
    }
}
