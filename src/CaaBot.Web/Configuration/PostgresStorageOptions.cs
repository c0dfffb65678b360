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

    /// <summary>
    /// How long one instance may hold a conversation while its turn runs (a lease in the database, so turns of one
    /// conversation never run on two instances at once); a crashed instance blocks its conversations at most this long.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TurnLease { get; set; } = TimeSpan.FromSeconds(30);
}
