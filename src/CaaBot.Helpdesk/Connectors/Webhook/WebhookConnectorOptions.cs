using CaaBot.Helpdesk.Connectors.Http;

namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>
/// Settings of a generic webhook connector: every ticket is POSTed as signed JSON (<see cref="WebhookPayload"/>) to
/// <see cref="Url"/>. The secret comes from configuration (an environment variable or a secret store), is never
/// logged and is left out of <see cref="ToString"/>.
/// </summary>
public sealed record WebhookConnectorOptions
{
    /// <summary>Shortest accepted secret: 32 characters (at least 128 bits when random).</summary>
    public const int MinSecretLength = 32;

    /// <summary>The connector's configuration name (the outbox's key for it).</summary>
    public string Name { get; init; } = "webhook";

    /// <summary>Where tickets are POSTed: https (plain http only to localhost).</summary>
    public Uri? Url { get; init; }

    /// <summary>The HMAC-SHA256 key shared with the receiver; at least <see cref="MinSecretLength"/> characters.</summary>
    public string? Secret { get; init; }

    /// <summary>How long one POST may take, body included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these settings, one message each naming the key; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        OptionsCheck.Name(Name, problems);
        OptionsCheck.BaseUrl(nameof(Url), Url, "https://helpdesk.example.com/hooks/caabot", problems);
        if (string.IsNullOrEmpty(Secret) || Secret.Length < MinSecretLength)
        {
            problems.Add($"Secret is required and must be at least {MinSecretLength} characters (set it from the environment or a secret store).");
        }

        OptionsCheck.Timeout(Timeout, problems);
        return problems;
    }

    /// <summary>The settings without the secret.</summary>
    public override string ToString() =>
        $"{nameof(WebhookConnectorOptions)} {{ Name = {Name}, Url = {Url}, Secret = {(string.IsNullOrEmpty(Secret) ? "(none)" : "***")}, Timeout = {Timeout} }}";
}
