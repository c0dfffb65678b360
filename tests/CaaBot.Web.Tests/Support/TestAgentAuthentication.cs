using System.Security.Claims;
using System.Text.Encodings.Web;
using CaaBot.Web.HelpdeskConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Tests.Support;

/// <summary>
/// A stand-in for the console's sign-in in tests: a request carrying <see cref="Header"/> is an agent of that name,
/// any other is anonymous (and challenged with 401). Registers <see cref="HelpdeskConsolePolicy.Name"/> on this
/// scheme, so it holds whatever sign-in the host itself configures.
/// </summary>
internal static class TestAgentAuthentication
{
    public const string Scheme = "TestAgent";
    public const string Header = "X-Test-Agent";

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);
        services.AddAuthorizationBuilder().AddPolicy(HelpdeskConsolePolicy.Name, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[Header].ToString() is not { Length: > 0 } agent)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, agent)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
