namespace CaaBot.Web.Configuration;

/// <summary>The storage backends the host can use.</summary>
public enum StorageProvider
{
    /// <summary>A file under the data folder (the embedded default).</summary>
    Sqlite,

    /// <summary>Process memory: everything is lost on restart. For tests and demos.</summary>
    InMemory,

    /// <summary>A PostgreSQL database shared by every instance (scale-out); see <see cref="PostgresStorageOptions"/>.</summary>
    Postgres,
}
