namespace CaaBot.Web.Configuration;

/// <summary>
/// The Azure Bot registration, under the same top-level keys the Bot Framework SDK reads
/// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>).
/// </summary>
public sealed class BotCredentialsOptions
{
    /// <summary><c>SingleTenant</c>, <c>MultiTenant</c> or <c>UserAssignedMSI</c>.</summary>
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppId { get; set; }

    /// <summary>The client secret. Comes from the environment or a secret store, never from a committed file.</summary>
    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public bool HasAppId => !string.IsNullOrWhiteSpace(MicrosoftAppId);
}
