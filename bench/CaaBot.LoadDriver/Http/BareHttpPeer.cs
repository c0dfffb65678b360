using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// The ceiling for <c>POST /api/messages</c> with expectReplies on this machine: a bare ASP.NET Core endpoint that
/// parses the posted activity (the whole document) and answers one fixed reply in <c>{"activities":[…]}</c>, addressed
/// to the activity (<c>replyToId</c>, conversation). No authentication, no state, no bot, no logging.
/// </summary>
internal static class BareHttpPeer
{
    public static async Task<int> RunAsync(string url, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/readyz", () => TypedResults.Ok());
        app.MapPost("/api/messages", ReplyAsync);
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static async Task ReplyAsync(HttpContext context)
    {
        using var activity = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var root = activity.RootElement;
        var id = root.TryGetProperty("id", out var value) ? value.GetString() : null;
        var conversation = root.TryGetProperty("conversation", out var c) && c.TryGetProperty("id", out var cid) ? cid.GetString() : null;

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("activities");
        json.WriteStartObject();
        json.WriteString("type", "message");
        json.WriteString("id", "reply-" + id);
        json.WriteString("replyToId", id);
        json.WriteString("channelId", "emulator");
        json.WriteStartObject("conversation");
        json.WriteString("id", conversation);
        json.WriteEndObject();
        json.WriteStartObject("from");
        json.WriteString("id", "bare");
        json.WriteEndObject();
        json.WriteString("text", "A fixed reply from the bare endpoint.");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
