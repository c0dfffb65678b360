namespace CaaBot.Storage.Postgres;

/// <summary>How a <see cref="PostgresDatabase"/> reaches its server and where its tables live.</summary>
public sealed class PostgresDatabaseOptions
{
    /// <summary>The schema used when none is named.</summary>
    public const string DefaultSchema = "caabot";

    /// <summary>An Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>). Never logged as a whole.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>
    /// The PostgreSQL schema that holds CaaBot's tables, created when missing: lower-case letters, digits and
    /// underscores, starting with a letter or underscore, at most <see cref="PostgresSchema.MaxSchemaNameLength"/> characters.
    /// Instances sharing a database must use the same schema to hear each other's appends.
    /// </summary>
    public string Schema { get; init; } = DefaultSchema;

    /// <summary>The first wait before the listening connection reconnects; doubled after each failure up to <see cref="MaxListenerReconnectDelay"/>.</summary>
    public TimeSpan ListenerReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between reconnect attempts of the listening connection.</summary>
    public TimeSpan MaxListenerReconnectDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the listening connection may sit idle before it sends a query to prove the server is still there.</summary>
    public TimeSpan ListenerPingInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the readiness probe waits for the server before it reports it unreachable.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
