using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>
/// The parts of the Zendesk Support API the connector uses, as documented: <c>POST /api/v2/uploads.json?filename=</c>
/// (raw body → <c>upload.token</c>), <c>POST /api/v2/tickets.json</c> (with <c>Idempotency-Key</c>: the same key and
/// body returns the first ticket with <c>x-idempotency-lookup: hit</c>, another body is a 400), <c>GET
/// /api/v2/tickets.json?external_id=</c> and <c>GET /api/v2/tickets/{id}.json</c>. Auth is Basic
/// <c>{email}/token:{api_token}</c>; errors use Zendesk's <c>{"error", "description", "details"}</c>.
/// </summary>
public sealed class FakeZendesk : IAsyncDisposable
{
    public const string Email = "agent@example.com";
    public const string ApiToken = "zd-api-token-6wXk";

    private readonly object _lock = new();
    private readonly ConcurrentDictionary<string, (string BodyHash, long Id)> _idempotency = new();
    private long _next = 1000;

    private FakeZendesk()
    {
    }

    public LocalServer Server { get; private set; } = null!;

    public ConcurrentDictionary<long, JsonObject> Tickets { get; } = new();

    /// <summary>Uploads by token; <see cref="StoredAttachment.TableSysId"/> is the ticket id once a ticket used it.</summary>
    public ConcurrentDictionary<string, StoredAttachment> Uploads { get; } = new();

    public static async Task<FakeZendesk> StartAsync()
    {
        var fake = new FakeZendesk();
        fake.Server = await LocalServer.StartAsync(fake.Map);
        return fake;
    }

    public void SetStatus(long id, string status) => Tickets[id]["status"] = status;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapPost("/api/v2/uploads.json", (Func<HttpContext, Task<IResult>>)UploadAsync);
        app.MapPost("/api/v2/tickets.json", (Func<HttpContext, Task<IResult>>)CreateTicketAsync);
        app.MapGet("/api/v2/tickets.json", (HttpContext context) => Guard(context) ?? ByExternalId(context.Request.Query["external_id"].ToString()));
        app.MapGet("/api/v2/tickets/{file}", (HttpContext context, string file) => Guard(context) ?? ReadTicket(file));
    }

    private async Task<IResult> UploadAsync(HttpContext context)
    {
        if (Guard(context) is { } denied)
        {
            return denied;
        }

        if (context.Request.Query["filename"].ToString() is not { Length: > 0 } fileName)
        {
            return Error(400, "InvalidEndpoint", "filename is required");
        }

        if (string.IsNullOrEmpty(context.Request.ContentType))
        {
            return Error(400, "InvalidValue", "Content-Type is required");
        }

        using var bytes = new MemoryStream();
        await context.Request.Body.CopyToAsync(bytes, context.RequestAborted);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        Uploads[token] = new StoredAttachment(token, string.Empty, fileName, context.Request.ContentType, bytes.ToArray());
        var attachment = new JsonObject { ["id"] = 498_483, ["file_name"] = fileName, ["content_type"] = context.Request.ContentType, ["size"] = bytes.Length };
        return Results.Json(new JsonObject { ["upload"] = new JsonObject { ["token"] = token, ["attachment"] = attachment, ["attachments"] = new JsonArray(attachment.DeepClone()) } }, statusCode: 201);
    }

    private async Task<IResult> CreateTicketAsync(HttpContext context)
    {
        if (Guard(context) is { } denied)
        {
            return denied;
        }

        if (!BasicAuth.IsJson(context.Request))
        {
            return Error(400, "InvalidValue", "Content-Type must be application/json");
        }

        using var raw = new MemoryStream();
        await context.Request.Body.CopyToAsync(raw, context.RequestAborted);
        JsonObject? ticket;
        try
        {
            ticket = JsonNode.Parse(raw.ToArray())?["ticket"] as JsonObject;
        }
        catch (JsonException)
        {
            ticket = null;
        }

        if (ticket is null)
        {
            return Error(400, "InvalidValue", "The body must be {\"ticket\": {…}}");
        }

        var details = new JsonObject();
        var comment = ticket["comment"] as JsonObject;
        if (comment?["body"] is null && comment?["html_body"] is null)
        {
            details["base"] = new JsonArray(new JsonObject { ["description"] = "Description: cannot be blank" });
        }

        if (ticket["priority"] is { } priority && (string?)priority is not ("low" or "normal" or "high" or "urgent"))
        {
            details["priority"] = new JsonArray(new JsonObject { ["description"] = "Priority: is not valid" });
        }

        if (ticket["requester"] is JsonObject requester && string.IsNullOrWhiteSpace((string?)requester["email"]))
        {
            details["requester"] = new JsonArray(new JsonObject { ["description"] = "Requester: email is required" });
        }

        var tokens = (comment?["uploads"] as JsonArray ?? []).Select(token => (string?)token ?? string.Empty).ToList();
        if (tokens.Any(token => !Uploads.TryGetValue(token, out var upload) || upload.TableSysId.Length > 0))
        {
            details["uploads"] = new JsonArray(new JsonObject { ["description"] = "Uploads: token is invalid or already used" });
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var bodyHash = Convert.ToHexString(SHA256.HashData(raw.ToArray()));
        if (key.Length > 0 && _idempotency.TryGetValue(key, out var earlier))
        {
            if (earlier.BodyHash != bodyHash)
            {
                return Error(400, "IdempotentRequestError", "Idempotency-Key was used with a different request");
            }

            context.Response.Headers["x-idempotency-lookup"] = "hit";
            return Results.Json(new JsonObject { ["ticket"] = Tickets[earlier.Id].DeepClone() }, statusCode: 201);
        }

        if (details.Count > 0)
        {
            return Results.Json(new JsonObject { ["error"] = "RecordInvalid", ["description"] = "Record validation errors", ["details"] = details }, statusCode: 422);
        }

        long id;
        lock (_lock)
        {
            id = ++_next;
            ticket["id"] = id;
            ticket["url"] = new Uri(Server.BaseUrl, $"api/v2/tickets/{id}.json").AbsoluteUri;
            ticket["status"] = "new";
            ticket["description"] = (string?)comment!["body"];
            Tickets[id] = ticket;
            foreach (var token in tokens)
            {
                Uploads[token] = Uploads[token] with { TableSysId = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            }

            if (key.Length > 0)
            {
                _idempotency[key] = (bodyHash, id);
            }
        }

        context.Response.Headers["x-idempotency-lookup"] = "miss";
        return Results.Json(new JsonObject { ["ticket"] = ticket.DeepClone() }, statusCode: 201);
    }

    private IResult ByExternalId(string externalId)
    {
        var found = Tickets.Values.Where(ticket => (string?)ticket["external_id"] == externalId).OrderBy(ticket => (long)ticket["id"]!).Select(ticket => ticket.DeepClone()).ToArray();
        return Results.Json(new JsonObject { ["tickets"] = new JsonArray(found), ["count"] = found.Length, ["next_page"] = null, ["previous_page"] = null });
    }

    private IResult ReadTicket(string file) =>
        file.EndsWith(".json", StringComparison.Ordinal) && long.TryParse(file[..^5], out var id) && Tickets.TryGetValue(id, out var ticket)
            ? Results.Json(new JsonObject { ["ticket"] = ticket.DeepClone() })
            : Error(404, "RecordNotFound", "Not found");

    private static IResult? Guard(HttpContext context) =>
        BasicAuth.Read(context.Request) is (Email + "/token", ApiToken)
            ? null
            : Results.Json(new JsonObject { ["error"] = "Couldn't authenticate you" }, statusCode: 401);

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new JsonObject { ["error"] = error, ["description"] = description }, statusCode: status);
}
