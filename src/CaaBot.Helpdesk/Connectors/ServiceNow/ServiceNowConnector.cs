using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Connectors.Http;
using CaaBot.Helpdesk.Tickets;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.ServiceNow;

/// <summary>
/// Creates ServiceNow incidents through the documented REST Table and Attachment APIs:
/// <list type="bullet">
/// <item><c>POST /api/now/table/incident</c> with <c>short_description</c>, <c>description</c> (plain text),
/// <c>urgency</c>/<c>impact</c> from the priority, <c>assignment_group</c> and <c>category</c> from the group,
/// <c>caller_id</c>, <c>contact_type</c>, <c>correlation_id</c> = CaaBot's ticket number and
/// <c>correlation_display</c> = <c>CaaBot</c>; the answer's <c>result.sys_id</c> and <c>result.number</c>
/// (<c>INC0010001</c>) name it.</item>
/// <item><c>POST /api/now/attachment/file?table_name=incident&amp;table_sys_id=…&amp;file_name=conversation.transcript</c>
/// with the transcript bytes as the body.</item>
/// <item>Look-up: <c>GET /api/now/table/incident?sysparm_query=correlation_id=&lt;number&gt;&amp;sysparm_limit=1</c>, and
/// <c>GET /api/now/attachment?sysparm_query=table_sys_id=…^file_name=conversation.transcript</c> for the transcript.</item>
/// <item>Status: <c>GET /api/now/table/incident/{sys_id}</c>, field <c>state</c>: 1 New, 2 In Progress, 3 On Hold,
/// 6 Resolved, 7 Closed, 8 Canceled.</item>
/// </list>
/// </summary>
/// <remarks>
/// A delivery is two requests, so it can stop half-way (the incident exists, the attachment does not).
/// <see cref="FindAsync"/> therefore reports an incident only once its transcript is attached, and
/// <see cref="CreateAsync"/> first looks for the incident an earlier attempt created and finishes it instead of
/// creating a second one.
/// </remarks>
public sealed class ServiceNowConnector : IHelpdeskConnector
{
    private const string Fields = "sys_id,number,state";

    private readonly HttpClient _httpClient;
    private readonly ServiceNowConnectorOptions _options;
    private readonly Uri _base;
    private readonly TimeProvider _clock;
    private readonly ILogger<ServiceNowConnector> _logger;
    private readonly TwoStepDelivery _delivery;

    /// <exception cref="ArgumentException">The options are incomplete; the message lists every problem.</exception>
    public ServiceNowConnector(HttpClient httpClient, ServiceNowConnectorOptions options, TimeProvider clock, ILogger<ServiceNowConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsCheck.ThrowIfAny("ServiceNow", options.Name, options.Validate());
        _httpClient = httpClient;
        _options = options;
        _base = OptionsCheck.WithTrailingSlash(options.InstanceUrl!);
        _clock = clock;
        _logger = logger;
        _delivery = new TwoStepDelivery(options.Name, logger, HasTranscriptAsync, AttachAsync);
    }

    public string Name => _options.Name;

    public async Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return await _delivery.CompleteOrNullAsync(ticket.Number, await FindIncidentAsync(ticket, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var existing = await FindIncidentAsync(ticket, cancellationToken).ConfigureAwait(false);
        if (await _delivery.ResumeOrNullAsync(ticket.Number, existing, transcript, cancellationToken).ConfigureAwait(false) is { } resumed)
        {
            return resumed;
        }

        var request = Request(HttpMethod.Post, "api/now/table/incident?sysparm_fields=" + Fields);
        request.Content = JsonBody.Content(IncidentBody(ticket, transcript));
        var call = Call("create incident");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        var created = ReadIncident(JsonBody.Property(json.RootElement, "result"))
            ?? throw ConnectorHttp.UnexpectedAnswer(call, "result.sys_id and result.number");
        await AttachAsync(created, transcript, cancellationToken).ConfigureAwait(false);
        ConnectorLog.TicketCreated(_logger, Name, ticket.Number, created.DisplayNumber, created.Id);
        return created;
    }

    public async Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        var request = Request(HttpMethod.Get, $"api/now/table/incident/{Uri.EscapeDataString(external.Id)}?sysparm_fields={Fields}");
        var call = Call("read incident");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        var state = JsonBody.Property(json.RootElement, "result") is { } result ? JsonBody.Scalar(result, "state") : null;
        if (state is null)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "result.state");
        }

        var status = MapState(state);
        ConnectorLog.StatusRead(_logger, Name, external.DisplayNumber, status.SystemStatus);
        return status;
    }

    /// <summary>The incident <c>state</c> choice values of a standard instance, mapped onto ours with their labels.</summary>
    public static ExternalTicketStatus MapState(string state) => state switch
    {
        "1" => new(TicketStatus.New, "New", null),
        "2" => new(TicketStatus.InProgress, "In Progress", null),
        "3" => new(TicketStatus.InProgress, "On Hold", null),
        "6" => new(TicketStatus.Resolved, "Resolved", null),
        "7" => new(TicketStatus.Closed, "Closed", null),
        "8" => new(TicketStatus.Closed, "Canceled", null),
        _ => new(TicketStatus.InProgress, "state " + state, null),
    };

    /// <summary>(urgency, impact): 1 high, 2 medium, 3 low. One person's Teams is affected, so impact stays below 1.</summary>
    public static (string Urgency, string Impact) MapPriority(string priority) => priority switch
    {
        "high" => ("1", "2"),
        "low" => ("3", "3"),
        _ => ("2", "3"),
    };

    private JsonObject IncidentBody(Ticket ticket, TicketTranscript transcript)
    {
        var (urgency, impact) = MapPriority(ticket.Request.Priority);
        var body = new JsonObject
        {
            // ServiceNow's short_description holds 160 characters; description is a plain-text field.
            ["short_description"] = TicketText.Summary(ticket, 160),
            ["description"] = TicketText.Description(ticket, transcript, _options.MaxDescriptionLength, TextMarkup.Plain),
            ["urgency"] = urgency,
            ["impact"] = impact,
            ["contact_type"] = "self-service",
            ["correlation_id"] = ticket.Number,
            ["correlation_display"] = "CaaBot",
        };
        var group = _options.AssignmentGroups.TryGetValue(ticket.Request.Group, out var mapped) ? mapped : _options.DefaultAssignmentGroup;
        if (!string.IsNullOrWhiteSpace(group))
        {
            body["assignment_group"] = group;
        }

        if (!string.IsNullOrWhiteSpace(_options.Category))
        {
            body["category"] = _options.Category;
        }

        if (!string.IsNullOrWhiteSpace(_options.CallerId))
        {
            body["caller_id"] = _options.CallerId;
        }

        return body;
    }

    private async Task<ExternalTicket?> FindIncidentAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var query = Uri.EscapeDataString("correlation_id=" + ticket.Number);
        var request = Request(HttpMethod.Get, $"api/now/table/incident?sysparm_query={query}&sysparm_limit=1&sysparm_fields={Fields}");
        var call = Call("find incident");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        if (JsonBody.Property(json.RootElement, "result") is not { ValueKind: JsonValueKind.Array } results)
        {
            throw ConnectorHttp.UnexpectedAnswer(call, "a result list");
        }

        return results.GetArrayLength() == 0 ? null : ReadIncident(results[0]);
    }

    private async Task<bool> HasTranscriptAsync(ExternalTicket incident, CancellationToken cancellationToken)
    {
        var query = Uri.EscapeDataString($"table_name=incident^table_sys_id={incident.Id}^file_name={TicketTranscript.FileName}");
        var request = Request(HttpMethod.Get, $"api/now/attachment?sysparm_query={query}&sysparm_limit=1");
        var call = Call("find transcript attachment");
        using var json = await ConnectorHttp.SendForJsonAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        return JsonBody.Property(json.RootElement, "result") is { ValueKind: JsonValueKind.Array } results
            ? results.GetArrayLength() > 0
            : throw ConnectorHttp.UnexpectedAnswer(call, "a result list");
    }

    private async Task AttachAsync(ExternalTicket incident, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        var request = Request(
            HttpMethod.Post,
            $"api/now/attachment/file?table_name=incident&table_sys_id={Uri.EscapeDataString(incident.Id)}&file_name={TicketTranscript.FileName}");
        var content = new ByteArrayContent(transcript.TranscriptJson.ToArray());
        content.Headers.ContentType = new("application/json");
        request.Content = content;
        using var response = await ConnectorHttp.SendAsync(_httpClient, request, Call("attach transcript"), cancellationToken).ConfigureAwait(false);
    }

    private ExternalTicket? ReadIncident(JsonElement? result)
    {
        if (result is not { } incident || JsonBody.Scalar(incident, "sys_id") is not { Length: > 0 } sysId)
        {
            return null;
        }

        var number = JsonBody.Scalar(incident, "number") is { Length: > 0 } n ? n : sysId;
        return new ExternalTicket(Name, sysId, number, new Uri(_base, "incident.do?sys_id=" + Uri.EscapeDataString(sysId)));
    }

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_base, relative));
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Authorization = string.IsNullOrEmpty(_options.BearerToken)
            ? ConnectorAuth.Basic(_options.Username!, _options.Password!)
            : ConnectorAuth.Bearer(_options.BearerToken);
        return request;
    }

    private ConnectorCall Call(string operation) => new(Name, operation, _options.Timeout, _clock, _logger);
}
