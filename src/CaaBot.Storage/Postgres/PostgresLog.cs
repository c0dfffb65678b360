using Microsoft.Extensions.Logging;

namespace CaaBot.Storage.Postgres;

/// <summary>Source-generated log messages of the PostgreSQL backend. Event ids 2200–2299. Servers are named by host, port and database only, never by connection string.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Information, Message = "PostgreSQL schema {Schema} migrated to schema version {Version}")]
    public static partial void SchemaMigrated(ILogger logger, string schema, int version);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "PostgreSQL {Server} failed its readiness probe")]
    public static partial void ProbeFailed(ILogger logger, string server, Exception exception);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Listening for stream appends on PostgreSQL {Server} (channel {Channel})")]
    public static partial void Listening(ILogger logger, string server, string channel);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "The listening connection to PostgreSQL {Server} was lost; reconnecting in {Delay}")]
    public static partial void ListenerLost(ILogger logger, string server, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "Ignored a malformed stream notification on channel {Channel}")]
    public static partial void MalformedNotification(ILogger logger, string channel);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "PostgreSQL storage {Server}, schema {Schema}, instance {InstanceId}")]
    public static partial void Opened(ILogger logger, string server, string schema, string instanceId);
}
