namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>Settings of the inbound status webhook: who may push, and how fresh a push must be.</summary>
public sealed record HelpdeskWebhookVerifierOptions
{
    /// <summary>
    /// The accepted HMAC secrets (each at least <see cref="WebhookConnectorOptions.MinSecretLength"/> characters). More
    /// than one lets a secret be rotated without downtime: add the new one, switch the sender, remove the old one.
    /// </summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>How far a push's timestamp may be from our clock, either way (default 5 minutes).</summary>
    public TimeSpan Tolerance { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Bodies larger than this are refused before any parsing.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>How many recent signatures are remembered to refuse replays (entries expire after twice the tolerance).</summary>
    public int ReplayCacheSize { get; init; } = 10_000;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Secrets.Count == 0 || Secrets.Any(secret => string.IsNullOrEmpty(secret) || secret.Length < WebhookConnectorOptions.MinSecretLength))
        {
            problems.Add($"Secrets needs at least one secret, each at least {WebhookConnectorOptions.MinSecretLength} characters.");
        }

        if (Tolerance <= TimeSpan.Zero || Tolerance > TimeSpan.FromHours(1))
        {
            problems.Add($"Tolerance must be more than 0 and at most 1 hour (got {Tolerance}).");
        }

        if (MaxBodyBytes is < 1024 or > 16 * 1024 * 1024)
        {
            problems.Add($"MaxBodyBytes must be between 1024 and 16777216 (got {MaxBodyBytes}).");
        }

        if (ReplayCacheSize < 100)
        {
            problems.Add($"ReplayCacheSize must be at least 100 (got {ReplayCacheSize}).");
        }

        return problems;
    }

    /// <summary>The settings without the secrets.</summary>
    public override string ToString() =>
        $"{nameof(HelpdeskWebhookVerifierOptions)} {{ Secrets = {Secrets.Count} configured, Tolerance = {Tolerance}, MaxBodyBytes = {MaxBodyBytes}, ReplayCacheSize = {ReplayCacheSize} }}";
}
