using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Connectors.RequestTracker;

/// <summary>
/// Request Tracker 5 through REST 2.0. A ticket is created in the configured queue with the user's contact email as
/// Requestor, <c>[CAA-000042] code: title (device)</c> as Subject, the readable summary and the conversation as
/// <c>text/plain</c> Content, a mapped Priority and the <c>.transcript</c> file as an attachment. A repeated
/// delivery finds the earlier ticket by TicketSQL on the subject tag; status comes from <c>GET /ticket/{id}</c>.
/// </summary>
public sealed class RequestTrackerConnector : IHelpdeskConnector
{
    private const int MaxErrorBodyLength = 300;

    private readonly RequestTrackerSettings _settings;
    private readonly HttpClient _http;
    private readonly string _baseUrl;
    private readonly AuthenticationHeaderValue _authorization;

    public RequestTrackerConnector(string name, RequestTrackerSettings settings, HttpClient http)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _http = http ?? throw new ArgumentNullException(nameof(http));
        var baseUrl = settings.BaseUrl ?? throw new ArgumentException("BaseUrl is required.", nameof(settings));
        Name = name;
        _baseUrl = baseUrl.AbsoluteUri.TrimEnd('/');
        _authorization = !string.IsNullOrWhiteSpace(settings.Token)
            ? new AuthenticationHeaderValue("token", settings.Token)
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")));
    }

    public string Name { get; }

    public async Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var tag = TicketSummary.Tag(ticket);

        // Ticket numbers are CAA- and digits only, so the tag is safe inside a TicketSQL string.
        var query = Uri.EscapeDataString($"Subject LIKE '{tag}'");
        using var response = await SendAsync(HttpMethod.Get, $"tickets?query={query}&fields=Subject&orderby=id&order=ASC", null, cancellationToken);
        var json = await ReadJsonAsync(response, $"searching for {ticket.Number}", cancellationToken);
        var items = json["items"]?.AsArray() ?? [];
        foreach (var item in items)
        {
            if (item?["Subject"]?.GetValue<string>() is { } subject && subject.StartsWith(tag, StringComparison.Ordinal) && Id(item["id"]) is { } id)
            {
                return External(id);
            }
        }

        return null;
    }

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var body = new JsonObject
        {
            ["Queue"] = _settings.Queue,
            ["Subject"] = TicketSummary.Subject(ticket),
            ["Content"] = TicketSummary.Body(ticket, transcript),
            ["ContentType"] = "text/plain",
            ["Priority"] = Priority(ticket.Request.Priority),
            ["Attachments"] = new JsonArray(new JsonObject
            {
                ["FileName"] = TicketTranscript.FileName,
                ["FileType"] = "application/json",
                ["FileContent"] = Convert.ToBase64String(transcript.TranscriptJson.Span),
            }),
        };
        if ((ticket.Request.Requester.ContactEmail ?? _settings.DefaultRequestor) is { Length: > 0 } requestor)
        {
            body["Requestor"] = requestor;
        }

        using var response = await SendAsync(HttpMethod.Post, "ticket", body, cancellationToken);
        var json = await ReadJsonAsync(response, $"creating {ticket.Number}", cancellationToken);
        return Id(json["id"]) is { } id
            ? External(id)
            : throw new HelpdeskDeliveryException($"Request Tracker created {ticket.Number} but answered without a ticket id.", isPermanent: false);
    }

    public async Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        if (!long.TryParse(external.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new HelpdeskDeliveryException($"'{external.Id}' is not a Request Tracker ticket id.", isPermanent: true);
        }

        using var response = await SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"ticket/{id}"), null, cancellationToken);
        var json = await ReadJsonAsync(response, $"reading {external.DisplayNumber}", cancellationToken);
        var status = json["Status"]?.GetValue<string>() ?? "unknown";
        return new ExternalTicketStatus(Map(status), status, LatestPublicReply: null);
    }

    /// <summary>RT's lifecycle words onto ours: new → New; open, stalled → InProgress; resolved → Resolved; rejected, deleted → Closed.</summary>
    public static TicketStatus Map(string status) => status.ToUpperInvariant() switch
    {
        "NEW" => TicketStatus.New,
        "RESOLVED" => TicketStatus.Resolved,
        "REJECTED" or "DELETED" => TicketStatus.Closed,
        _ => TicketStatus.InProgress,
    };

    private int Priority(string priority) => priority switch
    {
        "low" => _settings.PriorityLow,
        "high" => _settings.PriorityHigh,
        _ => _settings.PriorityNormal,
    };

    private ExternalTicket External(string id) =>
        new(Name, id, "RT #" + id, new Uri($"{_baseUrl}/Ticket/Display.html?id={Uri.EscapeDataString(id)}"));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{_baseUrl}/REST/2.0/{path}");
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new HelpdeskDeliveryException($"Request Tracker at {_baseUrl} could not be reached: {exception.Message}", isPermanent: false, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HelpdeskDeliveryException($"Request Tracker at {_baseUrl} did not answer in time.", isPermanent: false, exception);
        }
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = text.Length <= MaxErrorBodyLength ? text : text[..MaxErrorBodyLength];
            throw new HelpdeskDeliveryException(
                string.Create(CultureInfo.InvariantCulture, $"Request Tracker answered {(int)response.StatusCode} {response.ReasonPhrase} to {what}: {detail.ReplaceLineEndings(" ")}"),
                IsPermanent(response.StatusCode));
        }

        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("null");
        }
        catch (JsonException exception)
        {
            throw new HelpdeskDeliveryException($"Request Tracker answered {what} with something that is not JSON.", isPermanent: false, exception);
        }
    }

    /// <summary>Bad credentials, no permission, unknown queue or ticket, a refused payload: retrying cannot help. 408, 429 and 5xx can.</summary>
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not HttpStatusCode.RequestTimeout and not HttpStatusCode.TooManyRequests and not HttpStatusCode.Conflict;

    private static string? Id(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.GetValue<long>().ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
