using System.Security.Claims;
using CaaBot.Web.HelpdeskConsole.Authentication;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Web.Tests.HelpdeskConsole.Authentication;

/// <summary>Which provider users become agents, and under which id and name (the full redirect dance runs in the end-to-end tests).</summary>
public sealed class OidcAgentSignInTests
{
    private const string Issuer = "https://login.example/tenant/v2.0";

    [Fact]
    public void AgentFor_NoRestrictions_IdFromIssuerAndSubjectNameFromTheConfiguredClaim()
    {
        var signIn = SignIn(new ConsoleOidcOptions { DisplayNameClaim = "given_name" });

        var agent = signIn.AgentFor(User(("given_name", "Grace"), ("name", "Grace Hopper")), out var refusal);

        Assert.Null(refusal);
        Assert.Equal(new HelpdeskAgent($"oidc:{Issuer}|sub-1", "Grace"), agent);
        Assert.Equal("oidc", agent!.SignInMethod);
    }

    [Fact]
    public void AgentFor_NoNameClaim_FallsBackToPreferredUsername()
    {
        var agent = SignIn(new ConsoleOidcOptions()).AgentFor(User(("preferred_username", "grace@contoso.example")), out _);

        Assert.Equal("grace@contoso.example", agent!.DisplayName);
    }

    [Fact]
    public void AgentFor_AllowedGroups_OnlyMembersOfOne()
    {
        var signIn = SignIn(new ConsoleOidcOptions { AllowedGroups = ["helpdesk-agents", "helpdesk-leads"] });

        Assert.NotNull(signIn.AgentFor(User(("groups", "staff"), ("groups", "helpdesk-leads")), out _));
        Assert.Null(signIn.AgentFor(User(("groups", "staff")), out var refusal));
        Assert.Contains("none of the allowed groups", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void AgentFor_RequiredRole_OnlyHoldersOfIt()
    {
        var signIn = SignIn(new ConsoleOidcOptions { RequiredRole = "Helpdesk.Agent" });

        Assert.NotNull(signIn.AgentFor(User(("roles", "Helpdesk.Agent")), out _));
        Assert.Null(signIn.AgentFor(User(("roles", "helpdesk.agent"), ("roles", "Reader")), out _));
        Assert.Null(signIn.AgentFor(User(), out _));
    }

    [Fact]
    public void From_PrincipalOfAnotherScheme_IsNoAgent()
    {
        var agent = HelpdeskAgent.ForLocalAccount("Ada", "Ada Lovelace");
        var foreign = new ClaimsPrincipal(new ClaimsIdentity(agent.ToPrincipal().Claims, "Bearer"));

        Assert.Equal(agent, HelpdeskAgent.From(agent.ToPrincipal()));
        Assert.Equal("local:ada", agent.Id);
        Assert.Null(HelpdeskAgent.From(foreign));
        Assert.Null(HelpdeskAgent.From(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    private static OidcAgentSignIn SignIn(ConsoleOidcOptions options) => new(options, NullLogger<OidcAgentSignIn>.Instance);

    private static ClaimsPrincipal User(params (string Type, string Value)[] claims) => new(new ClaimsIdentity(
        [new Claim("sub", "sub-1", ClaimValueTypes.String, Issuer), new Claim("iss", Issuer), .. claims.Select(claim => new Claim(claim.Type, claim.Value))],
        "oidc"));
}
