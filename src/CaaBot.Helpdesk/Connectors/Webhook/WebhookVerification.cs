namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>The verifier's answer: the outcome, the status update when accepted, and a reason for logs (never secrets).</summary>
public sealed record WebhookVerification(WebhookVerificationOutcome Outcome, InboundStatusUpdate? Update, string Reason)
{
    public bool IsAccepted => Outcome == WebhookVerificationOutcome.Accepted && Update is not null;
}
