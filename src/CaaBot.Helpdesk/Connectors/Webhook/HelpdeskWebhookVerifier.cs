using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaaBot.Helpdesk.Connectors.Http;
using CaaBot.Helpdesk.Tickets;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>
/// Checks a status push from a helpdesk system and parses it: the <see cref="WebhookSignature"/> headers must match
/// one configured secret (compared in constant time), the timestamp must be within <see cref="HelpdeskWebhookVerifierOptions.Tolerance"/>
/// of our clock, and the same signed request is accepted once only (replays inside the window are refused). The
/// checks run in that order and before the body is parsed, so nothing unauthenticated is ever read as JSON.
/// </summary>
/// <remarks>
/// Pure: no HTTP here. An endpoint reads the raw body (without re-encoding it) and the two headers and calls
/// <see cref="Verify"/>. The replay memory is per process; behind a load balancer a replay that reaches another
/// instance inside the window is accepted there, which is harmless for status updates (they are idempotent).
/// </remarks>
public sealed class HelpdeskWebhookVerifier
{
    public const string StatusType = "caabot.ticket.status";

    private readonly byte[][] _keys;
    private readonly HelpdeskWebhookVerifierOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<HelpdeskWebhookVerifier> _logger;
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _seenLock = new();

    /// <exception cref="ArgumentException">The options are incomplete; the message lists every problem.</exception>
    public HelpdeskWebhookVerifier(HelpdeskWebhookVerifierOptions options, TimeProvider clock, ILogger<HelpdeskWebhookVerifier> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        OptionsCheck.ThrowIfAny("inbound webhook", "status", options.Validate());
        _options = options;
        _clock = clock;
        _logger = logger;
        _keys = [.. options.Secrets.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>Largest body <see cref="Verify"/> accepts; an endpoint reads at most one byte more.</summary>
    public int MaxBodyBytes => _options.MaxBodyBytes;

    /// <summary>
    /// Forgets an accepted signature, so the sender's identical retry is accepted again: call it when the update
    /// could not be processed after <see cref="Verify"/> accepted it (the endpoint answered 5xx).
    /// </summary>
    public void Forget(string? signatureHeader)
    {
        if (signatureHeader is null)
        {
            return;
        }

        lock (_seenLock)
        {
            _seen.Remove(signatureHeader);
        }
    }

    /// <summary>Verifies one push: the raw values of <c>X-CaaBot-Timestamp</c> and <c>X-CaaBot-Signature</c> and the exact body bytes.</summary>
    public WebhookVerification Verify(string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body)
    {
        if (body.Length > _options.MaxBodyBytes)
        {
            return Refuse(WebhookVerificationOutcome.TooLarge, $"body of {body.Length} bytes is over {_options.MaxBodyBytes}");
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || signatureHeader is null
            || !signatureHeader.StartsWith(WebhookSignature.Prefix, StringComparison.Ordinal)
            || signatureHeader.Length != WebhookSignature.Prefix.Length + 64)
        {
            return Refuse(WebhookVerificationOutcome.MissingSignature, "signature or timestamp header missing or malformed");
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signatureHeader.AsSpan(WebhookSignature.Prefix.Length));
        }
        catch (FormatException)
        {
            return Refuse(WebhookVerificationOutcome.MissingSignature, "signature is not hex");
        }

        var match = false;
        foreach (var key in _keys)
        {
            // Every key is tried (no early exit), and each comparison takes the same time whatever the bytes.
            match |= CryptographicOperations.FixedTimeEquals(WebhookSignature.Compute(key, timestamp, body), presented);
        }

        if (!match)
        {
            return Refuse(WebhookVerificationOutcome.BadSignature, "signature does not match");
        }

        var now = _clock.GetUtcNow();
        var sentAt = timestamp > 253_402_300_799 ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (sentAt < now - _options.Tolerance || sentAt > now + _options.Tolerance)
        {
            return Refuse(WebhookVerificationOutcome.StaleTimestamp, "timestamp outside the allowed window");
        }

        if (!Remember(signatureHeader, now))
        {
            return Refuse(WebhookVerificationOutcome.Replayed, "this signed request was accepted before");
        }

        var update = Parse(body, out var problem);
        return update is null
            ? Refuse(WebhookVerificationOutcome.InvalidPayload, problem)
            : new WebhookVerification(WebhookVerificationOutcome.Accepted, update, "accepted");
    }

    /// <summary>Parses a status payload (see <see cref="InboundStatusUpdate"/>); null with a reason when it is not one.</summary>
    public static InboundStatusUpdate? Parse(ReadOnlySpan<byte> body, out string problem)
    {
        JsonDocument json;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed))
            {
                problem = "body is not JSON";
                return null;
            }

            json = parsed;
        }
        catch (JsonException)
        {
            problem = "body is not JSON";
            return null;
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || JsonBody.String(root, "type") != StatusType)
            {
                problem = $"type is not {StatusType}";
                return null;
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1)
            {
                problem = "version is not 1";
                return null;
            }

            var number = JsonBody.String(root, "ticketNumber");
            if (string.IsNullOrWhiteSpace(number) || number.Length > 64)
            {
                problem = "ticketNumber is missing";
                return null;
            }

            TicketStatus? status = JsonBody.String(root, "status") switch
            {
                "new" => TicketStatus.New,
                "inProgress" => TicketStatus.InProgress,
                "resolved" => TicketStatus.Resolved,
                "closed" => TicketStatus.Closed,
                _ => null,
            };
            if (status is null)
            {
                problem = "status is not one of new, inProgress, resolved, closed";
                return null;
            }

            DateTimeOffset? changedAt = null;
            if (JsonBody.Property(root, "changedAt") is { ValueKind: JsonValueKind.String } changed && changed.TryGetDateTimeOffset(out var at))
            {
                changedAt = at;
            }

            var systemStatus = JsonBody.String(root, "systemStatus") is { Length: > 0 } word ? TicketText.Cut(word, 200) : JsonBody.String(root, "status")!;
            var reply = JsonBody.String(root, "publicReply") is { Length: > 0 } text ? TicketText.Cut(text, 4000) : null;
            problem = string.Empty;
            return new InboundStatusUpdate(
                number.Trim(),
                JsonBody.Scalar(root, "externalId"),
                JsonBody.Scalar(root, "externalNumber"),
                new ExternalTicketStatus(status.Value, systemStatus, reply),
                changedAt);
        }
    }

    private bool Remember(string signature, DateTimeOffset now)
    {
        lock (_seenLock)
        {
            if (_seen.Count >= _options.ReplayCacheSize)
            {
                foreach (var expired in _seen.Where(entry => entry.Value <= now).Select(entry => entry.Key).ToList())
                {
                    _seen.Remove(expired);
                }

                if (_seen.Count >= _options.ReplayCacheSize)
                {
                    // Full of live entries: forget the oldest rather than refuse genuine pushes.
                    _seen.Remove(_seen.MinBy(entry => entry.Value).Key);
                }
            }

            if (_seen.TryGetValue(signature, out var until) && until > now)
            {
                return false;
            }

            _seen[signature] = now + _options.Tolerance + _options.Tolerance;
            return true;
        }
    }

    private WebhookVerification Refuse(WebhookVerificationOutcome outcome, string reason)
    {
        ConnectorLog.InboundRefused(_logger, reason);
        return new WebhookVerification(outcome, null, reason);
    }
}
