using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Connectors.Http;
using CaaBot.Helpdesk.Tickets;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Zendesk;

/// <summary>
/// Creates Zendesk Support tickets through the documented REST APIs:
/// <list type="bullet">
/// <item><c>POST /api/v2/uploads.json?filename=conversation.transcript</c> with the transcript bytes as the body
/// (<c>Content-Type: application/binary</c>); the answer's <c>upload.token</c> goes into the ticket's first comment.</item>
/// <item><c>POST /api/v2/tickets.json</c> with <c>{ticket: {subject, comment: {body, uploads: [token]}, requester:
/// {name, email}, priority, tags, external_id, group_id}}</c>.
/// <c>comment.body</c> is plain text (Zendesk renders it escaped; <c>html_body</c> is never used), priority is
/// <c>low</c>/<c>normal</c>/<c>high</c> (the bot never sends <c>urgent</c>), <c>external_id</c> = CaaBot's number.
/// The answer's <c>ticket.id</c> names it; it is shown as <c>#id</c>.</item>
/// <item>Look-up: <c>GET /api/v2/tickets.json?external_id=&lt;number&gt;</c>, also done by <see cref="CreateAsync"/> before
/// it creates anything. The transcript rides on the create itself, so a ticket that exists is complete. Zendesk's
/// <c>Idempotency-Key</c> is deliberately not sent: every attempt carries a fresh upload token, so Zendesk would refuse
/// a retry as "the same key with a different request" (a 400) instead of returning the first ticket.</item>
/// <item>Status: <c>GET /api/v2/tickets/{id}.json</c>, <c>ticket.status</c>: <c>new</c> → new; <c>open</c>,
/// <c>pending</c>, <c>hold</c> → in progress; <c>solved</c> → resolved; <c>closed</c> → closed.</item>
/// </list>
/// 429 answers carry <c>Retry-After</c> (seconds), which the outbox honours.
/// </summary>
public sealed class ZendeskConnector : IHelpdeskConnector
{
    private readonly HttpClient _httpClient;
    private readonly ZendeskConnectorOptions _options;
    private readonly Uri _base;
    private readonly TimeProvider _clock;
    private readonly ILogger<ZendeskConnector> _logger;

    /// <exception cref="ArgumentException">The options are incomplete; the message lists every problem.</exception>
    public ZendeskConnector(HttpClient httpClient, ZendeskConnectorOptions options, TimeProvider clock, ILogger<ZendeskConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsCheck.ThrowIfAny("Zendesk", options.Name, options.Validate());
        _httpClient = httpClient;
        _options = options;
        _base = OptionsCheck.WithTrailingSlash(options.SubdomainUrl!);
        _clock = clock;
        _logger = logger;
    }

    public string Name => _options.Name;

    public async Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var request = Request(HttpMethod.Get, "api/v2/tickets.json?external_id=" + Uri.EscapeDataString(ticket.Number));
        var call = Call("find ticket");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        if (JsonBody.Property(json.RootElement, "tickets") is not { ValueKind: JsonValueKind.Array } tickets)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "a tickets list");
        }

        // The oldest one is the first delivery; external_id is not unique in Zendesk, so compare it exactly too.
        var found = tickets.EnumerateArray()
            .Where(item => JsonBody.String(item, "external_id") == ticket.Number)
            .Select(ReadTicket)
            .OfType<ExternalTicket>()
            .OrderBy(item => long.TryParse(item.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue)
            .FirstOrDefault();
        if (found is not null)
        {
            ConnectorLog.TicketFound(_logger, Name, ticket.Number, found.DisplayNumber);
        }

        return found;
    }

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        if (await FindAsync(ticket, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return existing;
        }

        var token = await UploadAsync(transcript, cancellationToken).ConfigureAwait(false);
        var request = Request(HttpMethod.Post, "api/v2/tickets.json");
        request.Content = JsonBody.Content(TicketBody(ticket, transcript, token));
        var call = Call("create ticket");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        var created = (JsonBody.Property(json.RootElement, "ticket") is { } t ? ReadTicket(t) : null)
            ?? throw ConnectorHttp.UnexpectedAnswer(call, "ticket.id");
        ConnectorLog.TicketCreated(_logger, Name, ticket.Number, created.DisplayNumber, created.Id);
        return created;
    }

    public async Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var request = Request(HttpMethod.Get, $"api/v2/tickets/{Uri.EscapeDataString(external.Id)}.json");
        var call = Call("read ticket");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        var word = JsonBody.Property(json.RootElement, "ticket") is { } t ? JsonBody.String(t, "status") : null;
        if (word is null)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "ticket.status");
        }

        var status = MapStatus(word);
        ConnectorLog.StatusRead(_logger, Name, external.DisplayNumber, status.SystemStatus);
        return status;
    }

    public static ExternalTicketStatus MapStatus(string status) => new(
        status switch
        {
            "new" => TicketStatus.New,
            "solved" => TicketStatus.Resolved,
            "closed" => TicketStatus.Closed,
            _ => TicketStatus.InProgress,
        },
        status,
        null);

    /// <summary>Zendesk's priorities are low, normal, high and urgent; the bot's low/normal/high map one to one.</summary>
    public static string MapPriority(string priority) => priority switch
    {
        "high" => "high",
        "low" => "low",
        _ => "normal",
    };

    private JsonObject TicketBody(Ticket ticket, TicketTranscript transcript, string uploadToken)
    {
        var request = ticket.Request;
        var tags = new JsonArray();
        foreach (var tag in _options.Tags.Append("caabot_group_" + TagWord(request.Group)).Concat(request.ErrorCode is { Length: > 0 } code ? ["caabot_code_" + TagWord(code)] : []).Distinct(StringComparer.Ordinal))
        {
            tags.Add(tag);
        }

        var body = new JsonObject
        {
            ["subject"] = TicketText.Summary(ticket, 250),
            ["comment"] = new JsonObject
            {
                // body, not html_body: Zendesk treats it as plain text, so nothing the user typed becomes markup.
                ["body"] = TicketText.Description(ticket, transcript, _options.MaxBodyLength, TextMarkup.Plain),
                ["uploads"] = new JsonArray(uploadToken),
            },
            ["priority"] = MapPriority(request.Priority),
            ["tags"] = tags,
            ["external_id"] = ticket.Number,
        };
        if (_options.SetRequester && request.Requester.ContactEmail is { Length: > 0 } email)
        {
            body["requester"] = new JsonObject
            {
                ["name"] = string.IsNullOrWhiteSpace(request.Requester.Name) ? email : request.Requester.Name,
                ["email"] = email,
            };
        }

        var group = _options.GroupIds.TryGetValue(request.Group, out var mapped) ? mapped : _options.DefaultGroupId;
        if (group is { } groupId)
        {
            body["group_id"] = groupId;
        }

        return new JsonObject { ["ticket"] = body };
    }

    private async Task<string> UploadAsync(TicketTranscript transcript, CancellationToken cancellationToken)
    {
        var request = Request(HttpMethod.Post, "api/v2/uploads.json?filename=" + TicketTranscript.FileName);
        var content = new ByteArrayContent(transcript.TranscriptJson.ToArray());
        content.Headers.ContentType = new("application/binary");
        request.Content = content;
        var call = Call("upload transcript");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        return JsonBody.Property(json.RootElement, "upload") is { } upload && JsonBody.String(upload, "token") is { Length: > 0 } token
            ? token
            : throw ConnectorHttp.UnexpectedAnswer(call, "upload.token");
    }

    private ExternalTicket? ReadTicket(JsonElement ticket) =>
        JsonBody.Scalar(ticket, "id") is { Length: > 0 } id
            ? new ExternalTicket(Name, id, "#" + id, new Uri(_base, "agent/tickets/" + Uri.EscapeDataString(id)))
            : null;

    /// <summary>A tag is one lowercase word: letters, digits and underscores.</summary>
    private static string TagWord(string value) =>
        string.Concat(value.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = ConnectorAuth.Basic(_options.Email + "/token", _options.ApiToken!);
        return request;
    }

    private ConnectorCall Call(string operation) => new(Name, operation, _options.Timeout, _clock, _logger);
}
