using System.Collections.Concurrent;
using CaaBot.DirectLine.Api;
using CaaBot.DirectLine.Configuration;
using CaaBot.Web.DirectLine;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CaaBot.Web.Endpoints;

/// <summary>
/// The web chat: the Direct Line API (<c>/v3/directline</c>, WebSockets on) and <c>GET /chat</c> with its assets.
/// <c>webchat.js</c> is the official bundle, copied to <c>wwwroot/webchat/</c> of the build output by the project file.
/// </summary>
public static class WebChatApi
{
    public const string BundleRelativePath = "wwwroot/webchat/webchat.js";

    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    public static WebApplication UseCaaBotWebChat(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWebSockets();
        app.MapDirectLineApi();

        var chat = app.MapGroup("/chat");
        chat.MapGet("/", Page);
        chat.MapGet("/chat.js", () => Asset("chat.js", "text/javascript; charset=utf-8"));
        chat.MapGet("/chat.css", () => Asset("chat.css", "text/css; charset=utf-8"));
        chat.MapGet("/embed.js", () => Asset("embed.js", "text/javascript; charset=utf-8"));
        chat.MapGet("/webchat.js", Bundle);
        return app;
    }

    private static IResult Page(HttpContext context, IOptions<WebChatOptions> branding, IOptions<DirectLineOptions> directLine)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = WebChatPage.ContentSecurityPolicy(context.Request, branding.Value, directLine.Value);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return TypedResults.Content(WebChatPage.Render(branding.Value, context.Request.PathBase), "text/html; charset=utf-8");
    }

    private static IResult Bundle(HttpContext context)
    {
        var path = Path.Combine(AppContext.BaseDirectory, BundleRelativePath);
        if (!File.Exists(path))
        {
            return TypedResults.Problem(
                title: "Web Chat bundle missing",
                detail: $"{BundleRelativePath} is not in the build output; build the project with npm available.",
                statusCode: StatusCodes.Status500InternalServerError);
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.PhysicalFile(path, "text/javascript; charset=utf-8", lastModified: File.GetLastWriteTimeUtc(path), enableRangeProcessing: true);
    }

    private static IResult Asset(string name, string contentType) =>
        TypedResults.Content(Assets.GetOrAdd(name, static key =>
        {
            using var stream = typeof(WebChatApi).Assembly.GetManifestResourceStream($"CaaBot.Web.DirectLine.Assets.{key}")
                ?? throw new InvalidOperationException($"Embedded asset {key} is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }), contentType);
}
