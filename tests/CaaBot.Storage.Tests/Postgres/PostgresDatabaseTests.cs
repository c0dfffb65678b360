using CaaBot.Storage.Postgres;
using CaaBot.Storage.Tests.Support;

namespace CaaBot.Storage.Tests.Postgres;

/// <summary>What a <see cref="PostgresDatabase"/> accepts and shows of its configuration.</summary>
public sealed class PostgresDatabaseTests
{
    [Theory]
    [InlineData("Caabot")]
    [InlineData("1caabot")]
    [InlineData("caa-bot")]
    [InlineData("caabot; DROP TABLE x")]
    [InlineData("pg_catalog")]
    [InlineData("")]
    public void Constructor_UnusableSchemaName_ThrowsArgumentException(string schema)
    {
        Assert.ThrowsAny<ArgumentException>(() => new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = "Host=127.0.0.1", Schema = schema }));
    }

    [Fact]
    public void Constructor_SchemaNameTooLong_ThrowsArgumentException()
    {
        var schema = new string('s', 49);

        Assert.Throws<ArgumentException>(() => new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = "Host=127.0.0.1", Schema = schema }));
    }

    [Fact]
    public void Constructor_MalformedConnectionString_ThrowsArgumentException()
    {
        Assert.ThrowsAny<ArgumentException>(() => new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = "Hots=127.0.0.1;" }));
    }

    [Fact]
    public async Task Server_ConnectionStringWithCredentials_NamesHostPortAndDatabaseOnly()
    {
        await using var database = new PostgresDatabase(new PostgresDatabaseOptions
        {
            ConnectionString = "Host=db.internal;Port=6543;Database=caabot;Username=bot;Password=s3cret-Pa55",
        });

        Assert.Equal("db.internal:6543/caabot", database.Server);
        Assert.Equal(PostgresDatabaseOptions.DefaultSchema, database.Schema);
        Assert.DoesNotContain("s3cret", database.Server, StringComparison.Ordinal);
    }

    [Fact]
    public void NewSchema_IsAUsableSchemaName()
    {
        using var database = new PostgresDatabase(new PostgresDatabaseOptions { ConnectionString = "Host=127.0.0.1", Schema = PostgresServer.NewSchema() });

        Assert.StartsWith("t_", database.Schema, StringComparison.Ordinal);
    }
}
