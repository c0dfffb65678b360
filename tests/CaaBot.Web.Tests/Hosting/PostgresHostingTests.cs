using System.Net;
using CaaBot.Bot.Dialogs;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.Postgres;
using CaaBot.Storage.Tests.Support;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Tests.Hosting;

/// <summary>The real host on <c>CaaBot:Storage=Postgres</c> against a real PostgreSQL 15 that the tests start.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHostingTests(PostgresServer server)
{
    private const string Password = "PG-PASSWORD-4d1e-do-not-log";

    [Fact]
    public async Task Conversation_OnPostgres_RunsTurnsKeepsStateInTheSchemaAndIsReady()
    {
        var schema = PostgresServer.NewSchema();
        var logs = new CapturingLoggerProvider();
        using var host = new CaaBotHost(
            settings: new()
            {
                ["CaaBot:Storage"] = "Postgres",
                ["ConnectionStrings:CaaBot"] = server.ConnectionString(password: Password),
                ["CaaBot:Postgres:Schema"] = schema,
                ["Logging:LogLevel:Default"] = "Trace",
            },
            overrides: services => services.AddSingleton<ILoggerProvider>(logs));
        var client = host.CreateClient();

        // Migrated at start, before the first request.
        Assert.Equal(1L, await server.ScalarAsync($"SELECT count(*) FROM {schema}.schema_version;", CancellationToken.None));

        Assert.Equal([TriageDialog.GreetingPrompt], await Activities.ExchangeAsync(client, "pg-1", "1", "hi"));
        Assert.Equal([TriageDialog.AskSymptomPrompt], await Activities.ExchangeAsync(client, "pg-1", "2", TriageDialog.NoCodeChoice));
        Assert.Equal([TriageDialog.AskPlatformPrompt], await Activities.ExchangeAsync(client, "pg-1", "3", "teams keeps asking for my password"));

        Assert.IsType<PostgresDocumentStore>(host.Services.GetRequiredService<IDocumentStore>());
        Assert.IsType<PostgresStreamStore>(host.Services.GetRequiredService<IStreamStore>());
        Assert.True((long)(await server.ScalarAsync($"SELECT count(*) FROM {schema}.documents;", CancellationToken.None))! > 0);
        Assert.False(Directory.Exists(host.DataDirectory) && File.Exists(Path.Combine(host.DataDirectory, "caabot.db")));

        using var ready = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.NotNull(await server.ScalarAsync($"SELECT checked_at FROM {schema}.health_probe;", CancellationToken.None));

        Assert.Contains(logs.Entries, entry => entry.Text.Contains($"127.0.0.1:{server.Port}/{PostgresServer.TestDatabase}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConversationState_SecondHostOnTheSameSchema_ContinuesTheConversation()
    {
        var settings = new Dictionary<string, string?>
        {
            ["CaaBot:Storage"] = "Postgres",
            ["CaaBot:Postgres:ConnectionString"] = server.ConnectionString(),
            ["CaaBot:Postgres:Schema"] = PostgresServer.NewSchema(),
        };
        using (var first = new CaaBotHost(settings: settings))
        {
            var client = first.CreateClient();
            Assert.Equal([TriageDialog.GreetingPrompt], await Activities.ExchangeAsync(client, "pg-2", "1", "hi"));
            Assert.Equal([TriageDialog.AskSymptomPrompt], await Activities.ExchangeAsync(client, "pg-2", "2", TriageDialog.NoCodeChoice));
        }

        using var second = new CaaBotHost(settings: settings);

        Assert.Equal([TriageDialog.AskPlatformPrompt], await Activities.ExchangeAsync(second.CreateClient(), "pg-2", "3", "teams keeps asking for my password"));
    }

    [Fact]
    public void Options_BothConnectionStringKeys_CaaBotPostgresConnectionStringWins()
    {
        using var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:Storage"] = "Postgres",
            ["CaaBot:Postgres:ConnectionString"] = server.ConnectionString(),
            ["ConnectionStrings:CaaBot"] = "Host=elsewhere.invalid;Database=nope",
            ["CaaBot:Postgres:Schema"] = PostgresServer.NewSchema(),
        });

        var database = host.Services.GetRequiredService<PostgresDatabase>();

        Assert.Equal($"127.0.0.1:{server.Port}/{PostgresServer.TestDatabase}", database.Server);
        Assert.Equal(
            server.ConnectionString(),
            host.Services.GetRequiredService<IOptions<CaaBot.Web.Configuration.PostgresStorageOptions>>().Value.ConnectionString);
    }

    [Theory]
    [InlineData(null, "caabot", "no connection string")]
    [InlineData("Host=db;Password=" + Password + ";Bogus=1", "caabot", "does not parse")]
    [InlineData("Database=caabot;Password=" + Password, "caabot", "no Host")]
    [InlineData("Host=db;Password=" + Password, "Not-Valid", "schema name")]
    public void Start_PostgresWithoutAUsableConnectionStringOrSchema_FailsNamingTheKeysNotTheValues(string? connectionString, string schema, string problem)
    {
        using var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:Storage"] = "Postgres",
            ["CaaBot:Postgres:ConnectionString"] = connectionString,
            ["CaaBot:Postgres:Schema"] = schema,
        });

        var refused = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:CaaBot", refused.Message, StringComparison.Ordinal);
        Assert.Contains("CaaBot:Postgres:ConnectionString", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_SqliteWithoutAConnectionString_NeedsNone()
    {
        using var host = new CaaBotHost();

        host.CreateClient().Dispose();

        host.Dispose();
        host.DeleteData();
    }
}
