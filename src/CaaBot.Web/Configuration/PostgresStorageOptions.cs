using CaaBot.Storage.Postgres;

namespace CaaBot.Web.Configuration;

/// <summary>
/// The <c>CaaBot:Postgres</c> section, used when <c>CaaBot:Storage</c> is <c>Postgres</c>. The connection string comes
/// from <c>CaaBot:Postgres:ConnectionString</c> or, when that is empty, <c>ConnectionStrings:CaaBot</c> (what App
/// Service and container platforms inject); keep its password in the environment or a secret store.
/// </summary>
public sealed class PostgresStorageOptions
{
    public const string SectionName = "CaaBot:Postgres";

    /// <summary>The name under <c>ConnectionStrings</c> that is read when <see cref="ConnectionString"/> is empty.</summary>
    public const string ConnectionStringName = "CaaBot";

    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL schema for CaaBot's tables; every instance of one deployment uses the same.</summary>
    public string Schema { get; set; } = PostgresDatabaseOptions.DefaultSchema;
}
