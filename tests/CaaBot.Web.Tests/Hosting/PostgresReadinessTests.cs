using System.Net;
using CaaBot.Storage.Tests.Support;
using CaaBot.Web.Tests.Support;

namespace CaaBot.Web.Tests.Hosting;

/// <summary><c>/readyz</c> on PostgreSQL follows the server: 503 while it is stopped, 200 again once it is back. Uses its own server.</summary>
public sealed class PostgresReadinessTests : IAsyncLifetime
{
    private readonly PostgresServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Readyz_PostgresStoppedThenStarted_Returns503ThenAgain200()
    {
        using var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:Storage"] = "Postgres",
            ["ConnectionStrings:CaaBot"] = _server.ConnectionString(),
            ["CaaBot:Postgres:Schema"] = PostgresServer.NewSchema(),
        });
        var client = host.CreateClient();
        using (var ready = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await _server.StopAsync();
        using (var down = await client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        }

        await _server.StartAsync();
        using var back = await client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task Start_PostgresUnreachable_FailsInsteadOfServingTurns()
    {
        var port = _server.Port;
        await _server.StopAsync();
        using var host = new CaaBotHost(settings: new()
        {
            ["CaaBot:Storage"] = "Postgres",
            ["ConnectionStrings:CaaBot"] = $"Host=127.0.0.1;Port={port};Username=postgres;Database=caabot_tests;Timeout=3",
        });

        Assert.ThrowsAny<Npgsql.NpgsqlException>(() => host.CreateClient());
    }
}
