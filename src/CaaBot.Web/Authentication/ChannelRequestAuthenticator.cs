using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Authentication;

/// <summary>
/// The one gate in front of <c>/api/messages</c>. With an app id every request must carry a valid
/// channel token. Without one, requests are let through only in Development or when
/// <c>CaaBot:AllowAnonymous</c> is set explicitly; otherwise everything is refused, so a
/// misconfigured production host fails closed.
/// </summary>
/// <remarks>
/// A request whose token is valid also makes its <c>serviceUrl</c> trusted for the bot's own token
/// (<see cref="IServiceUrlTrust"/>): replies and proactive messages only ever carry the token to such hosts.
/// </remarks>
public sealed class ChannelRequestAuthenticator(
    IOptions<BotCredentialsOptions> credentials,
    IOptions<CaaBotOptions> options,
    IHostEnvironment environment,
    IChannelTokenValidator tokenValidator,
    IServiceUrlTrust serviceUrlTrust)
{
    public AnonymousAccess AnonymousAccess { get; } = Decide(credentials.Value, options.Value, environment);

    /// <summary>A cheap check before the body is even read: with an app id, no header means no entry.</summary>
    public bool IsObviouslyUnauthenticated(string? authorizationHeader) =>
        AnonymousAccess != AnonymousAccess.Allowed && string.IsNullOrWhiteSpace(authorizationHeader);

    public async Task<ChannelAuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        switch (AnonymousAccess)
        {
            case AnonymousAccess.Allowed:
                return ChannelAuthenticationResult.Success;
            case AnonymousAccess.RefusedWithoutCredentials:
                return ChannelAuthenticationResult.Unauthorized(
                    "No MicrosoftAppId is configured and anonymous access is off (not Development, CaaBot:AllowAnonymous not set).");
        }

        var result = await tokenValidator.ValidateAsync(authorizationHeader, activity, cancellationToken);
        if (result.IsAuthenticated && Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl))
        {
            await serviceUrlTrust.TrustAsync(serviceUrl, cancellationToken);
        }

        return result;
    }

    private static AnonymousAccess Decide(BotCredentialsOptions credentials, CaaBotOptions options, IHostEnvironment environment) =>
        credentials.HasAppId ? AnonymousAccess.TokenRequired
        : environment.IsDevelopment() || options.AllowAnonymous ? AnonymousAccess.Allowed
        : AnonymousAccess.RefusedWithoutCredentials;
}
