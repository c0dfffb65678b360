namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>What the inbound verifier decided. Only <see cref="Accepted"/> carries an update; an endpoint answers
/// 401 for the signature outcomes, 400 for <see cref="InvalidPayload"/> and 413 for <see cref="TooLarge"/>.</summary>
public enum WebhookVerificationOutcome
{
    Accepted,

    /// <summary>The signature or timestamp header is missing or malformed.</summary>
    MissingSignature,

    /// <summary>No configured secret produces this signature over this timestamp and body.</summary>
    BadSignature,

    /// <summary>The timestamp is outside the tolerance window (too old, or too far in the future).</summary>
    StaleTimestamp,

    /// <summary>This exact signed request was accepted before.</summary>
    Replayed,

    /// <summary>Correctly signed, but not a status payload of a version we read.</summary>
    InvalidPayload,

    TooLarge,
}
