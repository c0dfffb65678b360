using System.Security.Cryptography.X509Certificates;
using CaaBot.Protocol.Authentication;

namespace CaaBot.Web.Configuration;

/// <summary>The Connector credentials the configuration describes (the SDK's <c>MicrosoftApp*</c> keys plus <see cref="OutboundAuthenticationSettings"/>).</summary>
public static class BotConnectorCredentialsFactory
{
    public static BotConnectorCredentials Create(BotCredentialsOptions credentials, OutboundAuthenticationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(settings);
        var appType = string.IsNullOrWhiteSpace(credentials.MicrosoftAppType)
            ? BotAppType.SingleTenant
            : Enum.TryParse<BotAppType>(credentials.MicrosoftAppType, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? parsed
                : throw new InvalidOperationException($"MicrosoftAppType must be SingleTenant, MultiTenant or UserAssignedMSI, not '{credentials.MicrosoftAppType}'.");
        return new BotConnectorCredentials
        {
            AppId = credentials.MicrosoftAppId!,
            AppType = appType,
            TenantId = string.IsNullOrWhiteSpace(credentials.MicrosoftAppTenantId) ? null : credentials.MicrosoftAppTenantId,
            ClientSecret = string.IsNullOrEmpty(credentials.MicrosoftAppPassword) ? null : credentials.MicrosoftAppPassword,
            Certificate = string.IsNullOrWhiteSpace(settings.CertificatePath)
                ? null
                : X509CertificateLoader.LoadPkcs12FromFile(settings.CertificatePath, settings.CertificatePassword),
            AuthorityHost = settings.AuthorityHost,
            Scope = settings.Scope,
        };
    }
}
