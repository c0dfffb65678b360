using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>
/// The parts of Jira Cloud the connector uses, as documented: <c>POST /rest/servicedeskapi/request</c>,
/// <c>GET /rest/servicedeskapi/request/{key}</c>, <c>attachTemporaryFile</c> (multipart, refused with 403 "XSRF check
/// failed" without <c>X-Atlassian-Token: no-check</c>), <c>POST|GET /rest/servicedeskapi/request/{key}/attachment</c>
/// and <c>GET /rest/api/3/search/jql</c> for the one JQL shape the connector sends. Basic auth with e-mail and API token.
/// Errors use Jira's shapes: <c>{"errorMessage": …}</c> (service desk API) and <c>{"errorMessages": […]}</c> (platform).
/// </summary>
public sealed partial class FakeJiraServiceManagement : IAsyncDisposable
{
    public const string Email = "agent@example.com";
    public const string ApiToken = "jira-api-token-ATATT3x";
    public const string ServiceDeskId = "4";
    public const string RequestTypeId = "25";
    public const string ProjectKey = "SUP";

    private readonly object _lock = new();
    private int _next;

    private FakeJiraServiceManagement()
    {
    }

    public LocalServer Server { get; private set; } = null!;

    /// <summary>Requests by issue key, as stored (the create body plus issueId, issueKey, status).</summary>
    public ConcurrentDictionary<string, JiraRequest> Requests { get; } = new();

    public ConcurrentDictionary<string, StoredAttachment> TemporaryFiles { get; } = new();

    public static async Task<FakeJiraServiceManagement> StartAsync()
    {
        var fake = new FakeJiraServiceManagement();
        fake.Server = await LocalServer.StartAsync(fake.Map);
        return fake;
    }

    public void SetStatus(string key, string status, string category)
    {
        var request = Requests[key];
        Requests[key] = request with { Status = status, StatusCategory = category };
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    [GeneratedRegex("""^project = "(?<project>[A-Z0-9_]+)" AND summary ~ "\\"(?<text>[^"\\]+)\\"" ORDER BY created ASC$""")]
    private static partial Regex SupportedJql();

    private void Map(WebApplication app)
    {
        app.MapPost("/rest/servicedeskapi/request", (Func<HttpContext, Task<IResult>>)CreateRequestAsync);
        app.MapGet("/rest/servicedeskapi/request/{key}", (HttpContext context, string key) => Guard(context) ?? ReadRequest(key));
        app.MapPost("/rest/servicedeskapi/servicedesk/{id}/attachTemporaryFile", (Func<HttpContext, string, Task<IResult>>)AttachTemporaryFileAsync);
        app.MapPost("/rest/servicedeskapi/request/{key}/attachment", (Func<HttpContext, string, Task<IResult>>)AddAttachmentAsync);
        app.MapGet("/rest/servicedeskapi/request/{key}/attachment", (HttpContext context, string key) => Guard(context) ?? ListAttachments(key));
        app.MapGet("/rest/api/3/search/jql", (HttpContext context) => Guard(context) ?? Search(context.Request.Query["jql"].ToString(), context.Request.Query["fields"].ToString()));
    }

    private async Task<IResult> CreateRequestAsync(HttpContext context)
    {
        if (Guard(context) is { } denied)
        {
            return denied;
        }

        if (await ReadJsonAsync(context) is not { } body)
        {
            return ServiceDeskError(400, "The request body must be JSON (Content-Type: application/json).");
        }

        if ((string?)body["serviceDeskId"] != ServiceDeskId)
        {
            return ServiceDeskError(404, "The service desk does not exist or you do not have permission to access it.");
        }

        if ((string?)body["requestTypeId"] != RequestTypeId)
        {
            return ServiceDeskError(400, "The request type does not exist in this service desk.");
        }

        var fields = body["requestFieldValues"] as JsonObject;
        var summary = fields?["summary"] is JsonValue s && s.TryGetValue<string>(out var text) ? text : null;
        var description = fields?["description"] is JsonValue d && d.TryGetValue<string>(out var words) ? words : null;
        if (string.IsNullOrWhiteSpace(summary) || summary.Length > 255 || summary.Contains('\n', StringComparison.Ordinal))
        {
            return ServiceDeskError(400, "Summary: You must specify a summary of the issue (one line, at most 255 characters).");
        }

        if (description is null || description.Length > 32_767)
        {
            return ServiceDeskError(400, "Description is required and at most 32767 characters.");
        }

        JiraRequest created;
        lock (_lock)
        {
            var number = ++_next;
            var key = ProjectKey + "-" + number.ToString(CultureInfo.InvariantCulture);
            created = new JiraRequest((10000 + number).ToString(CultureInfo.InvariantCulture), key, summary, description, (string?)body["raiseOnBehalfOf"], "Waiting for support", "NEW", []);
            Requests[key] = created;
        }

        return Results.Json(Describe(created), statusCode: 201);
    }

    private IResult ReadRequest(string key) =>
        Requests.TryGetValue(key, out var request)
            ? Results.Json(Describe(request))
            : ServiceDeskError(404, "The request does not exist or you do not have permission to see it.");

    private async Task<IResult> AttachTemporaryFileAsync(HttpContext context, string id)
    {
        if (Guard(context) is { } denied)
        {
            return denied;
        }

        if (context.Request.Headers["X-Atlassian-Token"] != "no-check")
        {
            return Results.Text("XSRF check failed", "text/plain", statusCode: 403);
        }

        if (id != ServiceDeskId)
        {
            return ServiceDeskError(404, "The service desk does not exist.");
        }

        if (!context.Request.HasFormContentType || !context.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.Ordinal))
        {
            return ServiceDeskError(415, "Send the file as multipart/form-data.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var file = form.Files.GetFile("file");
        if (file is null || form.Files.Count != 1)
        {
            return ServiceDeskError(400, "Exactly one part named 'file' is expected.");
        }

        using var bytes = new MemoryStream();
        await file.CopyToAsync(bytes, context.RequestAborted);
        var temporaryId = "temp" + Guid.NewGuid().ToString("N");
        TemporaryFiles[temporaryId] = new StoredAttachment(temporaryId, string.Empty, file.FileName, file.ContentType, bytes.ToArray());
        return Results.Json(
            new JsonObject { ["temporaryAttachments"] = new JsonArray(new JsonObject { ["temporaryAttachmentId"] = temporaryId, ["fileName"] = file.FileName }) },
            statusCode: 201);
    }

    private async Task<IResult> AddAttachmentAsync(HttpContext context, string key)
    {
        if (Guard(context) is { } denied)
        {
            return denied;
        }

        if (!Requests.TryGetValue(key, out var request))
        {
            return ServiceDeskError(404, "The request does not exist.");
        }

        if (await ReadJsonAsync(context) is not { } body || body["temporaryAttachmentIds"] is not JsonArray ids || ids.Count == 0
            || body["public"] is not JsonValue visibility || !visibility.TryGetValue<bool>(out var isPublic))
        {
            return ServiceDeskError(400, "temporaryAttachmentIds (a non-empty list) and public (true or false) are required.");
        }

        var added = new List<JiraAttachment>();
        foreach (var id in ids)
        {
            if (!TemporaryFiles.TryRemove((string?)id ?? string.Empty, out var file))
            {
                return ServiceDeskError(400, "The temporary attachment does not exist or has expired.");
            }

            added.Add(new JiraAttachment(file.FileName, file.ContentType, file.Bytes, isPublic));
        }

        lock (_lock)
        {
            Requests[key] = request with { Attachments = [.. request.Attachments, .. added] };
        }

        return Results.Json(
            new JsonObject { ["attachments"] = new JsonObject { ["values"] = new JsonArray([.. added.Select(a => (JsonNode?)DescribeAttachment(a))]) } },
            statusCode: 201);
    }

    private IResult ListAttachments(string key)
    {
        if (!Requests.TryGetValue(key, out var request))
        {
            return ServiceDeskError(404, "The request does not exist.");
        }

        return Results.Json(new JsonObject
        {
            ["size"] = request.Attachments.Count,
            ["start"] = 0,
            ["limit"] = 100,
            ["isLastPage"] = true,
            ["values"] = new JsonArray([.. request.Attachments.Select(a => (JsonNode?)DescribeAttachment(a))]),
        });
    }

    private IResult Search(string jql, string fields)
    {
        var match = SupportedJql().Match(jql);
        if (!match.Success)
        {
            return Results.Json(new JsonObject { ["errorMessages"] = new JsonArray("Error in the JQL Query: unsupported by this fake: " + jql) }, statusCode: 400);
        }

        // Text search matches words, not exact strings: a request whose summary merely contains the phrase matches too.
        var text = match.Groups["text"].Value;
        var issues = Requests.Values
            .Where(request => match.Groups["project"].Value == ProjectKey && request.Summary.Contains(text, StringComparison.OrdinalIgnoreCase))
            .OrderBy(request => int.Parse(request.IssueId, CultureInfo.InvariantCulture))
            .Select(request => (JsonNode?)new JsonObject
            {
                ["id"] = request.IssueId,
                ["key"] = request.IssueKey,
                ["fields"] = fields.Split(',').Contains("summary") ? new JsonObject { ["summary"] = request.Summary } : new JsonObject(),
            });
        return Results.Json(new JsonObject { ["issues"] = new JsonArray([.. issues]), ["isLast"] = true });
    }

    private JsonObject Describe(JiraRequest request) => new()
    {
        ["issueId"] = request.IssueId,
        ["issueKey"] = request.IssueKey,
        ["requestTypeId"] = RequestTypeId,
        ["serviceDeskId"] = ServiceDeskId,
        ["currentStatus"] = new JsonObject { ["status"] = request.Status, ["statusCategory"] = request.StatusCategory },
        ["_links"] = new JsonObject
        {
            ["web"] = new Uri(Server.BaseUrl, "servicedesk/customer/portal/4/" + request.IssueKey).AbsoluteUri,
            ["agent"] = new Uri(Server.BaseUrl, "browse/" + request.IssueKey).AbsoluteUri,
            ["self"] = new Uri(Server.BaseUrl, "rest/servicedeskapi/request/" + request.IssueId).AbsoluteUri,
        },
    };

    private static JsonObject DescribeAttachment(JiraAttachment attachment) => new()
    {
        ["filename"] = attachment.FileName,
        ["mimeType"] = attachment.ContentType,
        ["size"] = attachment.Bytes.Length,
    };

    private static async Task<JsonObject?> ReadJsonAsync(HttpContext context)
    {
        if (!BasicAuth.IsJson(context.Request))
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult? Guard(HttpContext context)
    {
        if (BasicAuth.Read(context.Request) is not (Email, ApiToken))
        {
            return Results.Json(new JsonObject { ["errorMessages"] = new JsonArray("You are not authenticated. Authentication required to perform this operation.") }, statusCode: 401);
        }

        return context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : Results.StatusCode(406);
    }

    private static IResult ServiceDeskError(int status, string message) =>
        Results.Json(new JsonObject { ["errorMessage"] = message, ["i18nErrorMessage"] = new JsonObject { ["i18nKey"] = "fake.error", ["parameters"] = new JsonArray() } }, statusCode: status);
}
