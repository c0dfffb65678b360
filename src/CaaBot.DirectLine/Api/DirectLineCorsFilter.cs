using CaaBot.DirectLine.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Api;

/// <summary>
/// Cross-origin rules for the Direct Line API: a browser request from the host's own origin or a configured intranet
/// origin is let through (and told so in <c>Access-Control-Allow-Origin</c>); one from any other origin is refused
/// with 403, WebSocket upgrades included. Requests without <c>Origin</c> (servers, node clients) are not browsers'.
/// </summary>
internal sealed class DirectLineCorsFilter(IOptions<DirectLineOptions> options) : IEndpointFilter
{
    private const string AllowedHeaders = "authorization, content-type, accept, x-ms-bot-agent, x-requested-with";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return await next(context);
        }

        if (!IsAllowed(http.Request, origin))
        {
            return DirectLineHttp.Error(StatusCodes.Status403Forbidden, "BadArgument", "This origin may not use the Direct Line API.");
        }

        http.Response.Headers.AccessControlAllowOrigin = origin;
        http.Response.Headers.Vary = "Origin";
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            http.Response.Headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            http.Response.Headers.AccessControlAllowHeaders = AllowedHeaders;
            http.Response.Headers.AccessControlMaxAge = "600";
        }

        return await next(context);
    }

    /// <summary>The answer to a preflight that the filter let through.</summary>
    public static IResult Preflight() => TypedResults.NoContent();

    private bool IsAllowed(HttpRequest request, string origin)
    {
        var own = $"{request.Scheme}://{request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var configured = options.Value;
        if (Uri.TryCreate(configured.PublicUrl, UriKind.Absolute, out var publicUrl)
            && string.Equals(origin, publicUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return configured.AllowedOrigins.Any(allowed => string.Equals(origin, allowed.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }
}
