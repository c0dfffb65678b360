using System.Globalization;
using CaaBot.Helpdesk.Connectors.Http;
using CaaBot.Helpdesk.Tickets;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>
/// Delivers tickets to any HTTP endpoint: one POST of <see cref="WebhookPayload"/> (version 1) to the configured URL,
/// signed as <see cref="WebhookSignature"/> describes, with <c>Idempotency-Key: &lt;ticket number&gt;</c> and
/// <c>X-CaaBot-Event: caabot.ticket.created</c>. Any 2xx is success; the receiver may answer
/// <c>{"id": "…", "number": "…", "url": "https://…"}</c> (all optional) to name its own record, otherwise the ticket
/// is known there by our number.
/// </summary>
/// <remarks>
/// Delivery is at-least-once: a receiver must treat a second POST with the same <c>Idempotency-Key</c> as the same
/// ticket (answer 2xx again, ideally with the same body). So <see cref="FindAsync"/> does not ask, and status is push
/// only: the receiver reports changes to CaaBot's inbound webhook (<see cref="HelpdeskWebhookVerifier"/>), so
/// <see cref="GetStatusAsync"/> returns null.
/// </remarks>
public sealed class WebhookConnector : IHelpdeskConnector
{
    private readonly HttpClient _httpClient;
    private readonly WebhookConnectorOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<WebhookConnector> _logger;

    /// <param name="httpClient">From <c>IHttpClientFactory</c> (a typed or named client); no base address is needed.</param>
    /// <exception cref="ArgumentException">The options are incomplete; the message lists every problem.</exception>
    public WebhookConnector(HttpClient httpClient, WebhookConnectorOptions options, TimeProvider clock, ILogger<WebhookConnector> logger)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsCheck.ThrowIfAny("webhook", options.Name, options.Validate());
        _httpClient = httpClient;
        _options = options;
        _clock = clock;
        _logger = logger;
    }

    public string Name => _options.Name;

    /// <summary>Always null: the receiver deduplicates on <c>Idempotency-Key</c>, so a repeated create is harmless.</summary>
    public Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken) => Task.FromResult<ExternalTicket?>(null);

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var body = WebhookPayload.Create(ticket, transcript);
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = JsonBody.Content(body) };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(_options.Secret!, timestamp, body));
        request.Headers.Add(WebhookSignature.IdempotencyHeader, ticket.Number);
        request.Headers.Add(WebhookSignature.EventHeader, WebhookPayload.CreatedType);
        request.Headers.Accept.ParseAdd("application/json");

        var call = new ConnectorCall(Name, "POST ticket", _options.Timeout, _clock, _logger);
        using var response = await ConnectorHttp.SendAsync(_httpClient, request, call, cancellationToken).ConfigureAwait(false);
        var external = await ReadAnswerAsync(response, ticket, cancellationToken).ConfigureAwait(false);
        ConnectorLog.TicketCreated(_logger, Name, ticket.Number, external.DisplayNumber, external.Id);
        return external;
    }

    /// <summary>Null: a webhook receiver pushes status changes to CaaBot instead of being asked.</summary>
    public Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken) =>
        Task.FromResult<ExternalTicketStatus?>(null);

    private async Task<ExternalTicket> ReadAnswerAsync(HttpResponseMessage response, Ticket ticket, CancellationToken cancellationToken)
    {
        var fallback = new ExternalTicket(Name, ticket.Number, ticket.Number, null);
        var text = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return fallback;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(text);
            var id = JsonBody.Scalar(json.RootElement, "id");
            var number = JsonBody.Scalar(json.RootElement, "number");
            var url = JsonBody.HttpUrl(JsonBody.String(json.RootElement, "url"));
            return string.IsNullOrWhiteSpace(id) && string.IsNullOrWhiteSpace(number)
                ? fallback with { Url = url }
                : new ExternalTicket(Name, id ?? number!, number ?? id!, url);
        }
        catch (System.Text.Json.JsonException)
        {
            // The receiver took the ticket (2xx); an answer we cannot read changes nothing about that.
            return fallback;
        }
    }
}
