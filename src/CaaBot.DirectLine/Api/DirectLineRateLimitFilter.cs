using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using CaaBot.DirectLine.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Api;

/// <summary>
/// Per-token and per-address fixed windows (System.Threading.RateLimiting, chained: both must grant). A request
/// over either limit gets 429 with <c>Retry-After</c>. The token partition key is a hash, never the token.
/// </summary>
internal sealed class DirectLineRateLimitFilter : IEndpointFilter, IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> _limiter;
    private readonly TimeSpan _window;

    public DirectLineRateLimitFilter(IOptions<DirectLineOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value.RateLimit;
        _window = limits.Window;
        _limiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => TokenKey(context) is { } token
                ? RateLimitPartition.GetFixedWindowLimiter(token, _ => Window(limits.PermitsPerToken))
                : RateLimitPartition.GetNoLimiter(string.Empty)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => RateLimitPartition.GetFixedWindowLimiter(
                $"address:{context.Connection.RemoteIpAddress}", _ => Window(limits.PermitsPerAddress))));
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        using var lease = await _limiter.AcquireAsync(context.HttpContext, 1, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _window;
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return DirectLineHttp.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", "Too many requests; retry later.");
        }

        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();

    private FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = _window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>A hash of the presented token or secret; null for requests without one (the address limit still applies).</summary>
    private static string? TokenKey(HttpContext context)
    {
        var presented = DirectLineHttp.Bearer(context.Request) ?? context.Request.Query["t"].ToString();
        return presented.Length == 0 ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), 0, 16);
    }
}
