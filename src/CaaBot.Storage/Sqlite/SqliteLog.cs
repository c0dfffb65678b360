using Microsoft.Extensions.Logging;

namespace CaaBot.Storage.Sqlite;

/// <summary>Source-generated log messages of the SQLite backend. Event ids 2100–2199.</summary>
internal static partial class SqliteLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "SQLite database {DataSource} migrated to schema version {Version}")]
    public static partial void SchemaMigrated(ILogger logger, string dataSource, int version);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "SQLite database {DataSource} is in journal mode {JournalMode}, not WAL; readers will block writers")]
    public static partial void NotWal(ILogger logger, string dataSource, string? journalMode);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "SQLite database {DataSource} failed its readiness probe")]
    public static partial void ProbeFailed(ILogger logger, string dataSource, Exception exception);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "SQLite database {DataSource}: could not roll back after a failed write; the writer connection is closed and reopened")]
    public static partial void WriterDiscarded(ILogger logger, string dataSource, Exception exception);
}
