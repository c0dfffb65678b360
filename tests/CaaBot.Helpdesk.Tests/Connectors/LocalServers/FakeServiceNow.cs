using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>
/// The parts of a ServiceNow instance's REST API the connector uses, as documented: Table API on <c>incident</c>
/// (create, query by encoded query, read by sys_id, <c>sysparm_fields</c>) and the Attachment API (upload as the raw
/// body, list by encoded query). Checks Basic or Bearer auth (401 otherwise), JSON content types, required fields
/// and choice values (400 with ServiceNow's <c>{"error": {"message", "detail"}, "status": "failure"}</c>).
/// </summary>
public sealed class FakeServiceNow : IAsyncDisposable
{
    public const string User = "caabot.integration";
    public const string Password = "sn-pass-Zq8!x";
    public const string Token = "sn-oauth-token-4f1d";

    private readonly object _lock = new();
    private int _next = 10000;

    private FakeServiceNow()
    {
    }

    public LocalServer Server { get; private set; } = null!;

    public ConcurrentDictionary<string, JsonObject> Incidents { get; } = new();

    public ConcurrentBag<StoredAttachment> Attachments { get; } = [];

    public static async Task<FakeServiceNow> StartAsync()
    {
        var fake = new FakeServiceNow();
        fake.Server = await LocalServer.StartAsync(fake.Map);
        return fake;
    }

    public void SetState(string sysId, string state) => Incidents[sysId]["state"] = state;

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.MapPost("/api/now/table/incident", (Func<HttpContext, Task<IResult>>)CreateIncidentAsync);
        app.MapGet("/api/now/table/incident", QueryIncidents);
        app.MapGet("/api/now/table/incident/{sysId}", ReadIncident);
        app.MapPost("/api/now/attachment/file", (Func<HttpContext, Task<IResult>>)UploadAttachmentAsync);
        app.MapGet("/api/now/attachment", QueryAttachments);
    }

    private async Task<IResult> CreateIncidentAsync(HttpContext context)
    {
        if (Unauthorized(context.Request) is { } denied)
        {
            return denied;
        }

        if (!BasicAuth.IsJson(context.Request))
        {
            return Error(415, "Unsupported Media Type", "Content-Type must be application/json");
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return Error(400, "Exception while reading request", "The payload is not valid JSON.");
        }

        if (body["short_description"]?.GetValue<string>() is not { Length: > 0 } shortDescription || shortDescription.Length > 160)
        {
            return Error(400, "Invalid short_description", "short_description is mandatory and at most 160 characters");
        }

        foreach (var choice in new[] { "urgency", "impact" })
        {
            if (body[choice] is { } value && value.GetValue<string>() is not ("1" or "2" or "3"))
            {
                return Error(400, "Invalid " + choice, choice + " must be 1, 2 or 3");
            }
        }

        if (body["description"]?.GetValue<string>() is { Length: > 4000 })
        {
            return Error(400, "Invalid description", "description is at most 4000 characters");
        }

        string sysId;
        lock (_lock)
        {
            sysId = Guid.NewGuid().ToString("N");
            body["sys_id"] = sysId;
            body["number"] = "INC" + (++_next).ToString("0000000", CultureInfo.InvariantCulture);
            body["state"] = "1";
            Incidents[sysId] = body;
        }

        return Results.Json(new JsonObject { ["result"] = Project(body, context.Request.Query["sysparm_fields"]) }, statusCode: 201);
    }

    private IResult QueryIncidents(HttpContext context)
    {
        if (Unauthorized(context.Request) is { } denied)
        {
            return denied;
        }

        var conditions = EncodedQuery(context.Request.Query["sysparm_query"].ToString());
        var limit = int.TryParse(context.Request.Query["sysparm_limit"], out var l) ? l : int.MaxValue;
        var matches = Incidents.Values
            .Where(incident => conditions.All(condition => incident[condition.Key]?.ToString() == condition.Value))
            .OrderBy(incident => incident["number"]!.ToString(), StringComparer.Ordinal)
            .Take(limit)
            .Select(incident => (JsonNode?)Project(incident, context.Request.Query["sysparm_fields"]));
        return Results.Json(new JsonObject { ["result"] = new JsonArray([.. matches]) });
    }

    private IResult ReadIncident(HttpContext context, string sysId)
    {
        if (Unauthorized(context.Request) is { } denied)
        {
            return denied;
        }

        return Incidents.TryGetValue(sysId, out var incident)
            ? Results.Json(new JsonObject { ["result"] = Project(incident, context.Request.Query["sysparm_fields"]) })
            : Error(404, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");
    }

    private async Task<IResult> UploadAttachmentAsync(HttpContext context)
    {
        if (Unauthorized(context.Request) is { } denied)
        {
            return denied;
        }

        var query = context.Request.Query;
        if (query["table_name"] != "incident" || query["file_name"].ToString() is not { Length: > 0 } fileName)
        {
            return Error(400, "Invalid request", "table_name and file_name are required");
        }

        if (!Incidents.ContainsKey(query["table_sys_id"].ToString()))
        {
            return Error(400, "Invalid table_sys_id", "The record to attach to does not exist");
        }

        if (string.IsNullOrEmpty(context.Request.ContentType))
        {
            return Error(400, "Content-Type is required", "Send the file's content type");
        }

        using var bytes = new MemoryStream();
        await context.Request.Body.CopyToAsync(bytes, context.RequestAborted);
        var stored = new StoredAttachment(Guid.NewGuid().ToString("N"), query["table_sys_id"].ToString(), fileName, context.Request.ContentType, bytes.ToArray());
        Attachments.Add(stored);
        return Results.Json(new JsonObject { ["result"] = Describe(stored) }, statusCode: 201);
    }

    private IResult QueryAttachments(HttpContext context)
    {
        if (Unauthorized(context.Request) is { } denied)
        {
            return denied;
        }

        var conditions = EncodedQuery(context.Request.Query["sysparm_query"].ToString());
        var matches = Attachments
            .Where(attachment => conditions.All(condition => condition.Key switch
            {
                "table_name" => condition.Value == "incident",
                "table_sys_id" => condition.Value == attachment.TableSysId,
                "file_name" => condition.Value == attachment.FileName,
                _ => false,
            }))
            .Select(attachment => (JsonNode?)Describe(attachment));
        return Results.Json(new JsonObject { ["result"] = new JsonArray([.. matches]) });
    }

    private static JsonObject Describe(StoredAttachment attachment) => new()
    {
        ["sys_id"] = attachment.SysId,
        ["file_name"] = attachment.FileName,
        ["table_name"] = "incident",
        ["table_sys_id"] = attachment.TableSysId,
        ["content_type"] = attachment.ContentType,
        ["size_bytes"] = attachment.Bytes.Length.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>Only <c>field=value</c> terms joined by <c>^</c>: what the connector sends.</summary>
    private static Dictionary<string, string> EncodedQuery(string query) =>
        query.Split('^', StringSplitOptions.RemoveEmptyEntries)
            .Select(term => term.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : string.Empty);

    private static JsonObject Project(JsonObject record, string? fields)
    {
        var names = string.IsNullOrEmpty(fields) ? null : fields.Split(',');
        var projected = new JsonObject();
        foreach (var (name, value) in record)
        {
            if (names is null || names.Contains(name))
            {
                projected[name] = value?.DeepClone();
            }
        }

        return projected;
    }

    private static IResult? Unauthorized(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (!accept.Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Error(406, "Not Acceptable", "Accept must include application/json");
        }

        var basic = BasicAuth.Read(request);
        var ok = basic is (User, Password) || BasicAuth.Bearer(request) == Token;
        return ok ? null : Error(401, "User Not Authenticated", "Required to provide Auth information");
    }

    private static IResult Error(int status, string message, string detail) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["detail"] = detail }, ["status"] = "failure" }, statusCode: status);
}
