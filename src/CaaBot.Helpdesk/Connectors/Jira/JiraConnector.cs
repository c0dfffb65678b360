using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Connectors.Http;
using CaaBot.Helpdesk.Tickets;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Jira;

/// <summary>
/// Raises Jira Service Management customer requests through the documented REST APIs:
/// <list type="bullet">
/// <item><c>POST /rest/servicedeskapi/request</c> with <c>serviceDeskId</c>, <c>requestTypeId</c>,
/// <c>requestFieldValues {summary, description}</c> and, when configured, <c>raiseOnBehalfOf</c>; the answer's
/// <c>issueId</c>/<c>issueKey</c> (<c>SUP-7</c>) and <c>_links.agent</c>/<c>_links.web</c> name it.</item>
/// <item>The transcript: <c>POST /rest/servicedeskapi/servicedesk/{serviceDeskId}/attachTemporaryFile</c> (multipart,
/// part <c>file</c>, header <c>X-Atlassian-Token: no-check</c>) returns <c>temporaryAttachments[].temporaryAttachmentId</c>,
/// then <c>POST /rest/servicedeskapi/request/{issueKey}/attachment</c> with <c>{temporaryAttachmentIds, public: false}</c>
/// (an internal attachment, agents only).</item>
/// <item>Look-up: every summary starts with the tag <c>[CAA-000042]</c>; <c>GET /rest/api/3/search/jql</c> with
/// <c>project = KEY AND summary ~ "\"CAA-000042\""</c> finds candidates and the tag is then checked exactly (text search
/// is fuzzy). A summary tag rather than a label, because the service desk API only sets fields that are on the
/// request type's form, and labels rarely are. Then <c>GET /rest/servicedeskapi/request/{key}/attachment</c> tells
/// whether the transcript arrived.</item>
/// <item>Status: <c>GET /rest/servicedeskapi/request/{key}</c>, <c>currentStatus.statusCategory</c>:
/// <c>NEW</c> → new, <c>INDETERMINATE</c> → in progress, <c>DONE</c> → resolved (closed when the status is called
/// Closed, Canceled or Cancelled); <c>currentStatus.status</c> is the word agents see.</item>
/// </list>
/// </summary>
/// <remarks>
/// Jira's search index trails writes by a moment, so a look-up straight after a create that timed out may miss it;
/// the outbox's retry backoff (seconds, not milliseconds) covers that. Half-done deliveries (request created,
/// transcript not attached) are finished by <see cref="CreateAsync"/>, as for ServiceNow.
/// </remarks>
public sealed class JiraConnector : IHelpdeskConnector
{
    private readonly HttpClient _httpClient;
    private readonly JiraConnectorOptions _options;
    private readonly Uri _base;
    private readonly TimeProvider _clock;
    private readonly ILogger<JiraConnector> _logger;
    private readonly TwoStepDelivery _delivery;

    /// <exception cref="ArgumentException">The options are incomplete; the message lists every problem.</exception>
    public JiraConnector(HttpClient httpClient, JiraConnectorOptions options, TimeProvider clock, ILogger<JiraConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsCheck.ThrowIfAny("Jira Service Management", options.Name, options.Validate());
        _httpClient = httpClient;
        _options = options;
        _base = OptionsCheck.WithTrailingSlash(options.SiteUrl!);
        _clock = clock;
        _logger = logger;
        _delivery = new TwoStepDelivery(options.Name, logger, HasTranscriptAsync, AttachAsync);
    }

    public string Name => _options.Name;

    public async Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return await _delivery.CompleteOrNullAsync(ticket.Number, await SearchAsync(ticket, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var existing = await SearchAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (await _delivery.ResumeOrNullAsync(ticket.Number, existing, transcript, cancellationToken).ConfigureAwait(false) is { } resumed)
        {
            return resumed;
        }

        var request = Request(HttpMethod.Post, "rest/servicedeskapi/request");
        request.Content = JsonBody.Content(RequestBody(ticket, transcript));
        var call = Call("create request");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        var key = JsonBody.String(root, "issueKey") ?? throw ConnectorHttp.UnexpectedAnswer(call, "issueKey");
        var links = JsonBody.Property(root, "_links");
        var url = links is { } l ? JsonBody.HttpUrl(JsonBody.String(l, "agent")) ?? JsonBody.HttpUrl(JsonBody.String(l, "web")) : null;
        var created = new ExternalTicket(Name, key, key, url ?? Browse(key));
        await AttachAsync(created, transcript, cancellationToken).ConfigureAwait(false);
        ConnectorLog.TicketCreated(_logger, Name, ticket.Number, key, JsonBody.Scalar(root, "issueId") ?? key);
        return created;
    }

    public async Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var request = Request(HttpMethod.Get, "rest/servicedeskapi/request/" + Uri.EscapeDataString(external.Id));
        var call = Call("read request");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        if (JsonBody.Property(json.RootElement, "currentStatus") is not { } current || JsonBody.String(current, "statusCategory") is not { } category)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "currentStatus.statusCategory");
        }

        var status = MapStatus(category, JsonBody.String(current, "status") ?? category);
        ConnectorLog.StatusRead(_logger, Name, external.DisplayNumber, status.SystemStatus);
        return status;
    }

    public static ExternalTicketStatus MapStatus(string statusCategory, string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var mapped = statusCategory switch
        {
            "NEW" => TicketStatus.New,
            "DONE" when status.Equals("Closed", StringComparison.OrdinalIgnoreCase)
                || status.Equals("Canceled", StringComparison.OrdinalIgnoreCase)
                || status.Equals("Cancelled", StringComparison.OrdinalIgnoreCase) => TicketStatus.Closed,
            "DONE" => TicketStatus.Resolved,
            _ => TicketStatus.InProgress,
        };
        return new ExternalTicketStatus(mapped, status, null);
    }

    private JsonObject RequestBody(Ticket ticket, TicketTranscript transcript)
    {
        var body = new JsonObject
        {
            ["serviceDeskId"] = _options.ServiceDeskId,
            ["requestTypeId"] = _options.RequestTypeId,
            ["requestFieldValues"] = new JsonObject
            {
                // The summary is a plain one-line field (255 characters); the description is rendered as wiki markup.
                ["summary"] = TicketText.Summary(ticket, 255),
                ["description"] = TicketText.Description(ticket, transcript, _options.MaxDescriptionLength, JiraWikiMarkup.Markup),
            },
        };
        if (_options.RaiseOnBehalfOfRequester && ticket.Request.Requester.ContactEmail is { Length: > 0 } email)
        {
            body["raiseOnBehalfOf"] = email;
        }

        return body;
    }

    private async Task<ExternalTicket?> SearchAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var jql = $"project = \"{_options.ProjectKey}\" AND summary ~ \"\\\"{JqlEscape(ticket.Number)}\\\"\" ORDER BY created ASC";
        var request = Request(HttpMethod.Get, $"rest/api/3/search/jql?jql={Uri.EscapeDataString(jql)}&fields=summary&maxResults=20");
        var call = Call("search requests");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        if (JsonBody.Property(json.RootElement, "issues") is not { ValueKind: JsonValueKind.Array } issues)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "an issues list");
        }

        var tag = TicketText.Tag(ticket);
        foreach (var issue in issues.EnumerateArray())
        {
            var summary = JsonBody.Property(issue, "fields") is { } fields ? JsonBody.String(fields, "summary") : null;
            if (summary is not null && summary.StartsWith(tag, StringComparison.Ordinal) && JsonBody.String(issue, "key") is { Length: > 0 } key)
            {
                return new ExternalTicket(Name, key, key, Browse(key));
            }
        }

        return null;
    }

    private async Task<bool> HasTranscriptAsync(ExternalTicket issue, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Get, $"rest/servicedeskapi/request/{Uri.EscapeDataString(issue.Id)}/attachment?limit=100");
        var call = Call("list attachments");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        if (JsonBody.Property(json.RootElement, "values") is not { ValueKind: JsonValueKind.Array } values)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "an attachment list");
        }

        return values.EnumerateArray().Any(value => JsonBody.String(value, "filename") == TicketTranscript.FileName);
    }

    private async Task AttachAsync(ExternalTicket issue, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        var upload = Request(HttpMethod.Post, $"rest/servicedeskapi/servicedesk/{_options.ServiceDeskId}/attachTemporaryFile");
        upload.Headers.Add("X-Atlassian-Token", "no-check");
        upload.Headers.Add("X-ExperimentalApi", "opt-in");
        var file = new ByteArrayContent(transcript.TranscriptJson.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        upload.Content = new MultipartFormDataContent { { file, "file", TicketTranscript.FileName } };
        var uploadCall = Call("upload transcript");
        string temporaryId;
        using (var json = await ConnectorHttp.SendForJsonAsync(_httpClient, upload, uploadCall, cancellationToken).ConfigureAwait(false))
        {
            temporaryId = JsonBody.Property(json.RootElement, "temporaryAttachments") is { ValueKind: JsonValueKind.Array } list
                && list.GetArrayLength() > 0
                && JsonBody.String(list[0], "temporaryAttachmentId") is { Length: > 0 } id
                ? id
                : throw ConnectorHttp.UnexpectedAnswer(uploadCall, "temporaryAttachments[0].temporaryAttachmentId");
        }

        var attach = Request(HttpMethod.Post, $"rest/servicedeskapi/request/{Uri.EscapeDataString(issue.Id)}/attachment");
        attach.Content = JsonBody.Content(new JsonObject
        {
            ["temporaryAttachmentIds"] = new JsonArray(temporaryId),
            ["public"] = false,
        });
        using var response = await ConnectorHttp.SendAsync(_httpClient, attach, Call("attach transcript"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ticket numbers are letters, digits and dashes; anything else is dropped so nothing can leave the JQL string.</summary>
    private static string JqlEscape(string value) =>
        string.Concat(value.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));

    private Uri Browse(string key) => new(_base, "browse/" + Uri.EscapeDataString(key));

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = ConnectorAuth.Basic(_options.Email!, _options.ApiToken!);
        return request;
    }

    private ConnectorCall Call(string operation) => new(Name, operation, _options.Timeout, _clock, _logger);
}
