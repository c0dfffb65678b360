using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using CaaBot.EndToEnd.Tests.Infrastructure;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// The helpdesk console's OpenID Connect sign-in against a real provider (npm <c>oidc-provider</c>, run by
/// tests/e2e-clients/oidc-test-provider.mjs) and the real host process: the whole redirect dance with one cookie jar,
/// the provider's login form filled in by the test, ending signed in as the provider's user.
/// </summary>
public sealed partial class ConsoleOidcSignInTests
{
    private const string ClientId = "caabot-helpdesk";
    private const string ClientSecret = "end-to-end tests only: the console's client secret";
    private const string Login = "grace";
    private const string Password = "provider password for grace";
    private const string Subject = "248289761001";
    private const string Name = "Grace Hopper";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SignIn_WithTheProvider_CodeFlowWithPkceEndsSignedInAsTheProvidersUser()
    {
        NodeScript.EnsureInstalled("oidc-provider", "oidc-provider/package.json");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var cancellationToken = timeout.Token;
        var provider = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var console = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}");
        var work = Directory.CreateTempSubdirectory("caabot-console-oidc-e2e-");
        await using var idp = ChildProcess.Start("oidc-provider", "node", [Path.Combine(TestPaths.E2eClientsDirectory, "oidc-test-provider.mjs")], TestPaths.E2eClientsDirectory, new Dictionary<string, string>
        {
            ["OIDC_PORT"] = provider.Port.ToString(CultureInfo.InvariantCulture),
            ["OIDC_CLIENT_ID"] = ClientId,
            ["OIDC_CLIENT_SECRET"] = ClientSecret,
            ["OIDC_REDIRECT_URI"] = new Uri(console, "/helpdesk/signin-oidc").ToString(),
            ["OIDC_USER_LOGIN"] = Login,
            ["OIDC_USER_PASSWORD"] = Password,
            ["OIDC_USER_SUB"] = Subject,
            ["OIDC_USER_NAME"] = Name,
            ["OIDC_USER_GROUPS"] = "staff,helpdesk-agents",
        });
        var host = ChildProcess.Start("CaaBot.Web", TestPaths.DotnetHost, [TestPaths.CaaBotWebAssembly, "--urls", console.ToString().TrimEnd('/')], Path.GetDirectoryName(TestPaths.CaaBotWebAssembly)!, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["CaaBot__DataDirectory"] = Path.Combine(work.FullName, "data"),
            ["CaaBot__Helpdesk__Console__Oidc__Authority"] = provider.ToString(),
            ["CaaBot__Helpdesk__Console__Oidc__ClientId"] = ClientId,
            ["CaaBot__Helpdesk__Console__Oidc__ClientSecret"] = ClientSecret,
            ["CaaBot__Helpdesk__Console__Oidc__ProviderName"] = "Contoso ID",
            ["CaaBot__Helpdesk__Console__Oidc__AllowedGroups__0"] = "helpdesk-agents",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
        });
        try
        {
            await UntilAnswersAsync(idp, new Uri(provider, "/.well-known/openid-configuration"), cancellationToken);
            await UntilAnswersAsync(host, new Uri(console, "/healthz"), cancellationToken);
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

            // The console's sign-in page offers the provider; its button posts (with the antiforgery token) to the challenge.
            var signInPage = await browser.GetStringAsync(new Uri(console, "/helpdesk/signin?returnUrl=%2Fhelpdesk%2Faccount"), cancellationToken);
            Assert.Contains("Sign in with Contoso ID", signInPage, StringComparison.Ordinal);
            using var challenge = await browser.PostAsync(new Uri(console, "/helpdesk/signin/oidc"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = HiddenField(signInPage, "__RequestVerificationToken"),
                ["returnUrl"] = HiddenField(signInPage, "returnUrl"),
            }), cancellationToken);
            var authorize = challenge.Headers.Location!;
            var query = HttpUtility.ParseQueryString(authorize.Query);
            Assert.Equal(new Uri(provider, "/auth").ToString(), authorize.GetLeftPart(UriPartial.Path));
            // The provider offers pushed authorization requests, so the parameters (code flow, S256 challenge) went to it
            // directly and the browser only carries their handle; it requires PKCE, so a flow without it would fail below.
            Assert.Equal(ClientId, query["client_id"]);
            Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"], StringComparison.Ordinal);

            // At the provider: to its login form, which the test fills in as the user would.
            var (loginPage, loginAddress) = await FollowAsync(browser, authorize, cancellationToken);
            var formAction = new Uri(loginAddress, FormAction().Match(loginPage).Groups["action"].Value);
            using var login = await browser.PostAsync(formAction, new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = Login, ["password"] = Password }), cancellationToken);

            // Back through /helpdesk/signin-oidc (code redeemed with the secret and the PKCE verifier) to the landing page.
            var (landing, landingAddress) = await FollowAsync(browser, login.Headers.Location!, cancellationToken, loginAddress);
            Assert.Equal("/helpdesk/signin/landing", landingAddress.AbsolutePath);
            Assert.Contains("url=/helpdesk/account", landing, StringComparison.Ordinal);

            using var me = await browser.GetAsync(new Uri(console, "/helpdesk/api/me"), cancellationToken);
            Assert.True(me.StatusCode == HttpStatusCode.OK, $"GET /helpdesk/api/me answered {me.StatusCode}.{Environment.NewLine}{host.RecentOutput()}");
            var profile = await me.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            Assert.Equal($"oidc:{provider.ToString().TrimEnd('/')}|{Subject}", profile.GetProperty("id").GetString());
            Assert.Equal(Name, profile.GetProperty("displayName").GetString());
            Assert.Equal("oidc", profile.GetProperty("signInMethod").GetString());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{idp.RecentOutput()}{Environment.NewLine}{host.RecentOutput()}", exception);
        }
        finally
        {
            await host.DisposeAsync();
            work.Delete(recursive: true);
        }
    }

    /// <summary>GETs <paramref name="address"/> and its redirects (relative ones against the current address) until a page answers.</summary>
    private static async Task<(string Html, Uri Address)> FollowAsync(HttpClient browser, Uri address, CancellationToken cancellationToken, Uri? from = null)
    {
        var current = address.IsAbsoluteUri ? address : new Uri(from!, address);
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await browser.GetAsync(current, cancellationToken);
            if (response.Headers.Location is not { } next)
            {
                Assert.True(response.IsSuccessStatusCode, $"GET {current} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return (await response.Content.ReadAsStringAsync(cancellationToken), current);
            }

            current = next.IsAbsoluteUri ? next : new Uri(current, next);
        }

        throw new InvalidOperationException($"More than 10 redirects, last to {current}.");
    }

    private static async Task UntilAnswersAsync(ChildProcess process, Uri address, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async token =>
            {
                process.ThrowIfExited();
                try
                {
                    using var response = await http.GetAsync(address, token);
                    return response.IsSuccessStatusCode ? "up" : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            StartTimeout,
            () => $"GET {address} never succeeded.{Environment.NewLine}{process.RecentOutput()}",
            cancellationToken);
    }

    private static string HiddenField(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"""<input type="hidden" name="{Regex.Escape(name)}" value="(?<value>[^"]*)">""").Groups["value"].Value);

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]+)">""")]
    private static partial Regex FormAction();
}
