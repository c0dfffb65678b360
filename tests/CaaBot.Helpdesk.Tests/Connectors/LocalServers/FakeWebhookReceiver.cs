using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>
/// A helpdesk's webhook receiver as the payload documentation tells one to write it, independently of CaaBot's code:
/// checks the HMAC-SHA256 over <c>{timestamp}.{body}</c> with its own implementation (401 when it does not match or
/// the timestamp is more than 5 minutes off), requires JSON and an <c>Idempotency-Key</c> (400), keeps one record per
/// key (a redelivery gets the first record back with 200) and answers as <see cref="Answer"/> says.
/// </summary>
public sealed class FakeWebhookReceiver(string secret, TimeProvider clock) : IAsyncDisposable
{
    private int _next;

    /// <summary>How many distinct tickets were recorded.</summary>
    public int Created => _next;

    public LocalServer Server { get; private set; } = null!;

    public Uri Url => new(Server.BaseUrl, "hooks/caabot");

    /// <summary>Bodies by Idempotency-Key, as received.</summary>
    public ConcurrentDictionary<string, byte[]> Records { get; } = new();

    public WebhookAnswer Answer { get; set; } = WebhookAnswer.Json;

    public static async Task<FakeWebhookReceiver> StartAsync(string secret, TimeProvider clock)
    {
        var fake = new FakeWebhookReceiver(secret, clock);
        fake.Server = await LocalServer.StartAsync(app => app.MapPost("/hooks/caabot", (Func<HttpContext, Task<IResult>>)fake.ReceiveAsync));
        return fake;
    }

    /// <summary>The receiver's own signature check: HMAC-SHA256(secret, "{timestamp}." + body), lowercase hex after "sha256=".</summary>
    public static bool SignatureMatches(string secret, string timestamp, byte[] body, string? header)
    {
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)).ToLowerInvariant();
        return header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var timestamp = context.Request.Headers["X-CaaBot-Timestamp"].ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(clock.GetUtcNow().ToUnixTimeSeconds() - seconds) > 300
            || !SignatureMatches(secret, timestamp, body, context.Request.Headers["X-CaaBot-Signature"].ToString()))
        {
            return Results.Json(new JsonObject { ["error"] = "bad signature" }, statusCode: 401);
        }

        if (!BasicAuth.IsJson(context.Request) || context.Request.Headers["Idempotency-Key"].ToString() is not { Length: > 0 } key)
        {
            return Results.Json(new JsonObject { ["error"] = "JSON with an Idempotency-Key expected" }, statusCode: 400);
        }

        var first = Records.TryAdd(key, body);
        if (first)
        {
            Interlocked.Increment(ref _next);
        }

        return Answer switch
        {
            WebhookAnswer.NoContent => Results.NoContent(),
            WebhookAnswer.Text => Results.Text("OK", "text/plain"),
            _ => Results.Json(new JsonObject { ["id"] = "wh-" + key, ["number"] = "HD-" + key[^2..], ["url"] = "https://helpdesk.example/tickets/" + key }, statusCode: first ? 201 : 200),
        };
    }
}
