using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, for the fake helpdesk systems: records every request as it arrived and
/// can be told to fail the next matching requests (a status such as 500, 401 or 429 with Retry-After, a hang, or
/// a hang after doing the work).
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(Func<ReceivedRequest, bool> When, LocalFault Fault)> _faults = new();

    private LocalServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Requests that reached a handler (not those a fault answered instead).</summary>
    public int Handled => _handled;

    private int _handled;

    public static async Task<LocalServer> StartAsync(Action<WebApplication> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new LocalServer(app);
        app.Use(server.RecordAndFailAsync);
        map(app);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Urls.First() + "/");
        return server;
    }

    /// <summary>The next request for which <paramref name="when"/> holds (any request when null) gets <paramref name="fault"/>.</summary>
    public void FailNext(LocalFault fault, Func<ReceivedRequest, bool>? when = null) => _faults.Enqueue((when ?? (_ => true), fault));

    public IReadOnlyList<ReceivedRequest> To(string method, string pathStart) =>
        [.. Received.Where(request => request.Method == method && request.Path.StartsWith(pathStart, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task RecordAndFailAsync(HttpContext context, RequestDelegate next)
    {
        context.Request.EnableBuffering();
        using var copy = new MemoryStream();
        await context.Request.Body.CopyToAsync(copy, context.RequestAborted);
        context.Request.Body.Position = 0;
        var headers = context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString());
        var received = new ReceivedRequest(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.QueryString.Value ?? string.Empty, headers, copy.ToArray());
        Received.Enqueue(received);

        var fault = TakeFault(received);
        switch (fault?.Kind)
        {
            case LocalFaultKind.Status:
                context.Response.StatusCode = fault.StatusCode;
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }

                await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "injected fault " + fault.StatusCode }, context.RequestAborted);
                return;
            case LocalFaultKind.Hang:
                await HangAsync(context);
                return;
            case LocalFaultKind.LoginPage:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync("<html><body>Please sign in</body></html>", context.RequestAborted);
                return;
            case LocalFaultKind.HangAfterHandling:
                var real = context.Response.Body;
                context.Response.Body = new MemoryStream();
                Interlocked.Increment(ref _handled);
                await next(context);
                await HangAsync(context);
                context.Response.Body = real;
                return;
            default:
                Interlocked.Increment(ref _handled);
                await next(context);
                return;
        }
    }

    private LocalFault? TakeFault(ReceivedRequest request)
    {
        // Faults are few and tests are sequential per server: a linear scan keeps the queue order.
        lock (_faults)
        {
            var all = _faults.ToArray();
            for (var i = 0; i < all.Length; i++)
            {
                if (all[i].When(request))
                {
                    _faults.Clear();
                    foreach (var (index, entry) in all.Index())
                    {
                        if (index != i)
                        {
                            _faults.Enqueue(entry);
                        }
                    }

                    return all[i].Fault;
                }
            }

            return null;
        }
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up or the server is stopping.
        }
    }
}
