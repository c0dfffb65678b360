using System.Security.Cryptography.X509Certificates;

namespace CaaBot.Protocol.Authentication;

/// <summary>What the bot needs to obtain tokens for its calls to the Connector service.</summary>
public sealed record BotConnectorCredentials
{
    public const string BotFrameworkScope = "https://api.botframework.com/.default";
    public const string BotFrameworkResource = "https://api.botframework.com";

    public required string AppId { get; init; }

    public BotAppType AppType { get; init; } = BotAppType.SingleTenant;

    /// <summary>Required for <see cref="BotAppType.SingleTenant"/> and managed identities.</summary>
    public string? TenantId { get; init; }

    /// <summary>The client secret; or use <see cref="Certificate"/>.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>A certificate with its private key, registered on the app (preferred over a secret).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Entra's sign-in host; another cloud (or a test) may use its own.</summary>
    public Uri AuthorityHost { get; init; } = new("https://login.microsoftonline.com/");

    public string Scope { get; init; } = BotFrameworkScope;

    /// <summary>The authority tokens come from: the bot's tenant, or <c>botframework.com</c> for multi-tenant apps.</summary>
    public Uri Authority => new(AuthorityHost, AppType == BotAppType.MultiTenant ? "botframework.com" : TenantId ?? throw new InvalidOperationException("A single-tenant bot needs its tenant id."));

    /// <summary>Checks the combination before the first message needs it; the message names what is missing, never a value.</summary>
    public void Validate()
    {
        if (!Guid.TryParse(AppId, out _))
        {
            throw new InvalidOperationException("MicrosoftAppId must be the bot's app (client) id, a GUID.");
        }

        if (AppType != BotAppType.MultiTenant && string.IsNullOrWhiteSpace(TenantId))
        {
            throw new InvalidOperationException($"MicrosoftAppTenantId is required for MicrosoftAppType {AppType}.");
        }

        if (AppType != BotAppType.UserAssignedMSI && string.IsNullOrEmpty(ClientSecret) && Certificate is null)
        {
            throw new InvalidOperationException(
                $"MicrosoftAppType {AppType} needs a credential: MicrosoftAppPassword (a client secret) or CaaBot:OutboundAuthentication:CertificatePath.");
        }

        if (Certificate is { HasPrivateKey: false })
        {
            throw new InvalidOperationException("The bot's certificate has no private key, so it cannot sign token requests.");
        }
    }
}
