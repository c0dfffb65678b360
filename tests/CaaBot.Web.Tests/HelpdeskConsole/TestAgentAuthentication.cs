using System.Security.Claims;
using System.Text.Encodings.Web;
using CaaBot.Web.HelpdeskConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Tests.HelpdeskConsole;

/// <summary>
/// Signs a request in as the agent named in its <see cref="Header"/> (<c>id|display name</c>), so console API tests
/// can be two agents at once without a sign-in round trip; the sign-in itself has its own tests.
/// </summary>
internal sealed class TestAgentAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TestAgent";
    public const string Header = "X-Test-Agent";

    public static void AddTo(IServiceCollection services)
    {
        services.AddAuthentication(SchemeName).AddScheme<AuthenticationSchemeOptions, TestAgentAuthentication>(SchemeName, _ => { });
        services.AddAuthorization(authorization => authorization.AddPolicy(
            HelpdeskConsolePolicy.Name,
            policy => policy.AddAuthenticationSchemes(SchemeName).RequireAuthenticatedUser()));
    }

    public static void SignIn(HttpClient client, string id, string name) =>
        client.DefaultRequestHeaders.Add(Header, $"{id}|{name}");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } value || value.Split('|') is not [var id, var name])
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, name), new Claim("name", name)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
