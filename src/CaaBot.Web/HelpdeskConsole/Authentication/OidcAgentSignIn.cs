using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// Turns the provider's user into a helpdesk agent once the code has been redeemed (id token plus userinfo):
/// checks the allowed groups and the required role, then puts only the agent's id and name in the session cookie.
/// </summary>
public sealed class OidcAgentSignIn(ConsoleOidcOptions options, ILogger<OidcAgentSignIn> logger)
{
    public const string FailedQuery = "failed";

    public OpenIdConnectEvents Events() => new()
    {
        OnTicketReceived = TicketReceivedAsync,
        OnRemoteFailure = RemoteFailureAsync,
    };

    /// <summary>The agent <paramref name="user"/> may sign in as, or null with the reason when the configured groups or role refuse them.</summary>
    public HelpdeskAgent? AgentFor(ClaimsPrincipal user, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(user);
        var subject = user.FindFirst("sub");
        var issuer = user.FindFirst("iss")?.Value ?? subject?.Issuer;
        if (subject is null || string.IsNullOrEmpty(subject.Value) || string.IsNullOrEmpty(issuer))
        {
            refusal = "the provider's token has no sub or iss claim";
            return null;
        }

        if (options.AllowedGroups.Count > 0 && !user.FindAll("groups").Any(group => options.AllowedGroups.Contains(group.Value, StringComparer.OrdinalIgnoreCase)))
        {
            // Claim types only (no values): says whether the provider sends groups at all, the usual misconfiguration.
            refusal = $"{subject.Value} is in none of the allowed groups (claims received: {string.Join(", ", user.Claims.Select(claim => claim.Type).Distinct())})";
            return null;
        }

        if (!string.IsNullOrWhiteSpace(options.RequiredRole) && !user.FindAll("roles").Any(role => string.Equals(role.Value, options.RequiredRole, StringComparison.Ordinal)))
        {
            refusal = $"{subject.Value} lacks the role {options.RequiredRole}";
            return null;
        }

        string?[] names = [user.FindFirst(options.DisplayNameClaim)?.Value, user.FindFirst("preferred_username")?.Value, user.FindFirst("email")?.Value, subject.Value];
        refusal = null;
        return HelpdeskAgent.ForOidcUser(issuer, subject.Value, names.First(name => !string.IsNullOrWhiteSpace(name))!);
    }

    private Task TicketReceivedAsync(TicketReceivedContext context)
    {
        // Refused here by answering ourselves: a failed TicketReceived result would still sign the user in.
        string? refusal = "no user";
        if (context.Principal is not { } user || AgentFor(user, out refusal) is not { } agent)
        {
            HelpdeskConsoleAuthenticationLog.OidcRefused(logger, refusal ?? "no user");
            context.Response.Redirect($"{HelpdeskConsolePolicy.Prefix}/signin?{FailedQuery}=1");
            context.HandleResponse();
            return Task.CompletedTask;
        }

        context.Principal = agent.ToPrincipal();
        HelpdeskConsoleAuthenticationLog.SignedIn(logger, agent.Id, agent.SignInMethod);
        return Task.CompletedTask;
    }

    private Task RemoteFailureAsync(RemoteFailureContext context)
    {
        HelpdeskConsoleAuthenticationLog.OidcRefused(logger, context.Failure?.Message ?? "the provider's answer was not valid");
        context.Response.Redirect($"{HelpdeskConsolePolicy.Prefix}/signin?{FailedQuery}=1");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
