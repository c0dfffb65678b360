using System.Collections.Concurrent;
using System.Text.Json;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// The Bot Connector's REST surface as Teams' service URL offers it, on a loopback port: every activity a bot instance
/// sends (<c>POST …/activities[/{replyToId}]</c>) or updates (<c>PUT …/activities/{id}</c>) is recorded and answered
/// with a new id.
/// </summary>
public sealed class ConnectorStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Activity> _sent = new();

    private ConnectorStandIn(WebApplication app) => _app = app;

    /// <summary>The service URL to put into activities.</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Every activity received, in arrival order.</summary>
    public IReadOnlyList<Activity> Sent => [.. _sent];

    public static async Task<ConnectorStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var connector = new ConnectorStandIn(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**replyToId}", (Delegate)connector.RecordAsync);
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (Delegate)connector.RecordAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        connector.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return connector;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> RecordAsync(HttpContext context)
    {
        var activity = await JsonSerializer.DeserializeAsync<Activity>(context.Request.Body, ProtocolJson.Options, context.RequestAborted);
        if (activity is null)
        {
            return Results.BadRequest();
        }

        _sent.Enqueue(activity);
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }
}
