using CaaBot.Protocol.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace CaaBot.Protocol.Connector;

/// <summary>
/// Tokens for the Connector from Entra ID through MSAL: client credentials with a secret or a certificate
/// (single- or multi-tenant apps), or a user-assigned managed identity. MSAL keeps tokens in its in-memory cache and
/// fetches a new one shortly before expiry; <c>forceRefresh</c> goes past the cache. A token is only handed out for a
/// service URL that <see cref="IServiceUrlTrust"/> vouches for.
/// </summary>
public sealed partial class MsalConnectorTokenProvider : IConnectorTokenProvider
{
    private readonly BotConnectorCredentials _credentials;
    private readonly IServiceUrlTrust _trust;
    private readonly ILogger<MsalConnectorTokenProvider> _logger;
    private readonly IConfidentialClientApplication? _confidential;
    private readonly IManagedIdentityApplication? _managedIdentity;

    public MsalConnectorTokenProvider(
        BotConnectorCredentials credentials, IServiceUrlTrust trust, IMsalHttpClientFactory? httpClientFactory, ILogger<MsalConnectorTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        credentials.Validate();
        (_credentials, _trust, _logger) = (credentials, trust ?? throw new ArgumentNullException(nameof(trust)), logger);
        if (credentials.AppType == BotAppType.UserAssignedMSI)
        {
            var builder = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(credentials.AppId));
            _managedIdentity = (httpClientFactory is null ? builder : builder.WithHttpClientFactory(httpClientFactory)).Build();
        }
        else
        {
            var builder = ConfidentialClientApplicationBuilder.Create(credentials.AppId)
                .WithAuthority(credentials.Authority.AbsoluteUri, validateAuthority: false)
                .WithInstanceDiscovery(false);
            builder = credentials.Certificate is { } certificate
                ? builder.WithCertificate(certificate, sendX5C: true)
                : builder.WithClientSecret(credentials.ClientSecret);
            _confidential = (httpClientFactory is null ? builder : builder.WithHttpClientFactory(httpClientFactory)).Build();
        }
    }

    public async Task<string?> GetTokenAsync(Uri serviceUrl, bool forceRefresh, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        if (!await _trust.IsTrustedAsync(serviceUrl, cancellationToken))
        {
            UntrustedServiceUrl(_logger, serviceUrl.Host);
            throw new UntrustedServiceUrlException(serviceUrl);
        }

        try
        {
            var result = _confidential is not null
                ? await _confidential.AcquireTokenForClient([_credentials.Scope]).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken)
                : await _managedIdentity!.AcquireTokenForManagedIdentity(ResourceOf(_credentials.Scope)).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken);
            if (result.AuthenticationResultMetadata.TokenSource != TokenSource.Cache)
            {
                TokenAcquired(_logger, _credentials.AppType.ToString(), result.ExpiresOn);
            }

            return result.AccessToken;
        }
        catch (MsalException exception)
        {
            // MSAL's error codes (e.g. invalid_client) say what is wrong without revealing the secret.
            TokenFailed(_logger, _credentials.AppType.ToString(), exception.ErrorCode);
            throw new ConnectorTokenException($"Could not obtain a token for the Connector ({exception.ErrorCode}).", exception);
        }
    }

    /// <summary>Managed identity endpoints take a resource, not a scope: <c>https://api.botframework.com/.default</c> → <c>https://api.botframework.com</c>.</summary>
    private static string ResourceOf(string scope) => scope.EndsWith("/.default", StringComparison.Ordinal) ? scope[..^"/.default".Length] : scope;

    [LoggerMessage(EventId = 1150, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Obtained a Connector token ({AppType}), valid until {ExpiresOn}")]
    private static partial void TokenAcquired(ILogger logger, string appType, DateTimeOffset expiresOn);

    [LoggerMessage(EventId = 1151, Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Could not obtain a Connector token ({AppType}): {ErrorCode}")]
    private static partial void TokenFailed(ILogger logger, string appType, string errorCode);

    [LoggerMessage(EventId = 1152, Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Refused to send the bot's token to {Host}: no authenticated request came from there")]
    private static partial void UntrustedServiceUrl(ILogger logger, string host);
}
