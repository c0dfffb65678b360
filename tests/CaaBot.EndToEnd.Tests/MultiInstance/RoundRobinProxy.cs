using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// YARP in front of the bot instances, as a load balancer would be: every request (WebSocket upgrades included) goes
/// to the next instance in turn (<c>RoundRobin</c>), no affinity. Each response says which instance served it
/// (<c>X-CaaBot-Instance</c>), and every request is recorded in <see cref="Requests"/>.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    public const string InstanceHeader = "X-CaaBot-Instance";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ProxiedRequest> _requests = new();
    private int _order;

    private RoundRobinProxy(WebApplication app) => _app = app;

    /// <summary>The proxy's address (http://127.0.0.1:port/).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Everything proxied so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Requests => [.. _requests.OrderBy(request => request.Order)];

    /// <summary>Starts the proxy on a free loopback port; destinations are named after the keys of <paramref name="instances"/>.</summary>
    public static async Task<RoundRobinProxy> StartAsync(IReadOnlyDictionary<string, Uri> instances)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig { RouteId = "all", ClusterId = "caabot", Match = new RouteMatch { Path = "{**catch-all}" } },
            ],
            [
                new ClusterConfig
                {
                    ClusterId = "caabot",
                    LoadBalancingPolicy = "RoundRobin",
                    Destinations = instances.ToDictionary(instance => instance.Key, instance => new DestinationConfig { Address = instance.Value.ToString() }),
                },
            ]);
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app);
        app.UseWebSockets();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseLoadBalancing();
            pipeline.Use((context, next) => proxy.RecordAsync(context, next));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        proxy.Address = new Uri(address.TrimEnd('/') + "/");
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task RecordAsync(HttpContext context, Func<Task> next)
    {
        // After load balancing, the one destination left is the one this request goes to.
        var destination = context.GetReverseProxyFeature().AvailableDestinations.Single().DestinationId;
        _requests.Enqueue(new ProxiedRequest(
            Interlocked.Increment(ref _order),
            context.Request.Method,
            context.Request.Path.ToString(),
            destination,
            context.WebSockets.IsWebSocketRequest));
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[InstanceHeader] = destination;
            return Task.CompletedTask;
        });
        return next();
    }
}
