using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using CaaBot.EndToEnd.Tests.WebChat;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.HelpdeskConsole;

/// <summary>
/// The helpdesk console's OpenID Connect sign-in against a real provider and the real host: the whole redirect dance,
/// the provider's login form filled in by the test, ending signed in as the provider's user; once with a plain HTTP
/// client (every hop checked) and once in Chromium (SameSite cookies as a browser applies them).
/// </summary>
public sealed partial class ConsoleOidcSignInTests(ConsoleOidcFixture fixture) : IClassFixture<ConsoleOidcFixture>
{
    [Fact]
    public async Task SignIn_WithTheProviderOverHttp_CodeFlowEndsSignedInAsTheProvidersUser()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var cancellationToken = timeout.Token;
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });
        try
        {
            // The console's sign-in page offers the provider; its button posts (with the antiforgery token) to the challenge.
            var signInPage = await browser.GetStringAsync(new Uri(fixture.Console, "/helpdesk/signin?returnUrl=%2Fhelpdesk%2Faccount"), cancellationToken);
            Assert.Contains($"Sign in with {ConsoleOidcFixture.ProviderName}", signInPage, StringComparison.Ordinal);
            using var challenge = await browser.PostAsync(new Uri(fixture.Console, "/helpdesk/signin/oidc"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = HiddenField(signInPage, "__RequestVerificationToken"),
                ["returnUrl"] = HiddenField(signInPage, "returnUrl"),
            }), cancellationToken);
            var authorize = challenge.Headers.Location!;
            var query = HttpUtility.ParseQueryString(authorize.Query);
            Assert.Equal(new Uri(fixture.Provider, "/auth").ToString(), authorize.GetLeftPart(UriPartial.Path));

            // The provider offers pushed authorization requests, so the parameters (code flow, S256 challenge) went to it
            // directly and the browser only carries their handle; it requires PKCE, so a flow without it would fail below.
            Assert.Equal(ConsoleOidcFixture.ClientId, query["client_id"]);
            Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"], StringComparison.Ordinal);

            // At the provider: to its login form, which the test fills in as the user would.
            var (loginPage, loginAddress) = await FollowAsync(browser, authorize, cancellationToken);
            var formAction = new Uri(loginAddress, FormAction().Match(loginPage).Groups["action"].Value);
            using var login = await browser.PostAsync(formAction, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["login"] = ConsoleOidcFixture.Login,
                ["password"] = ConsoleOidcFixture.Password,
            }), cancellationToken);

            // Back through /helpdesk/signin-oidc (code redeemed with the secret and the PKCE verifier) to the landing page.
            var (landing, landingAddress) = await FollowAsync(browser, new Uri(loginAddress, login.Headers.Location!), cancellationToken);
            Assert.Equal("/helpdesk/signin/landing", landingAddress.AbsolutePath);
            Assert.Contains("url=/helpdesk/account", landing, StringComparison.Ordinal);

            using var me = await browser.GetAsync(new Uri(fixture.Console, "/helpdesk/api/me"), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            var profile = await me.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            Assert.Equal($"oidc:{fixture.Provider.ToString().TrimEnd('/')}|{ConsoleOidcFixture.Subject}", profile.GetProperty("id").GetString());
            Assert.Equal(ConsoleOidcFixture.Name, profile.GetProperty("displayName").GetString());
            Assert.Equal("oidc", profile.GetProperty("signInMethod").GetString());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}{fixture.Describe()}", exception);
        }
    }

    [Fact]
    public async Task SignIn_WithTheProviderInChromium_LandsOnThePageItAskedForSignedIn()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var chromium = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions());
        var page = await chromium.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(fixture.Console, "/helpdesk/account").ToString());
            Assert.Equal("/helpdesk/signin", new Uri(page.Url).AbsolutePath);
            await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {ConsoleOidcFixture.ProviderName}" }).ClickAsync();

            // Locators wait inside the page, across navigations; WaitForURLAsync checks the address and then subscribes
            // to navigations, and a navigation landing in between is missed (it timed out so twice under load).
            await page.FillAsync("input[name=login]", ConsoleOidcFixture.Login);
            Assert.StartsWith(fixture.Provider.ToString(), page.Url, StringComparison.Ordinal);
            await page.FillAsync("input[name=password]", ConsoleOidcFixture.Password);
            await page.ClickAsync("button[type=submit]");

            // The SameSite=Strict session cookie is withheld on the provider's cross-site redirect back; the landing
            // page's own navigation carries it, so the agent ends on the page they asked for, signed in.
            // Waiting for what the agent sees: the landing page's refresh follows the provider's redirects within
            // moments, the very window in which a URL waiter misses the navigation.
            await page.GetByText($"Signed in as {ConsoleOidcFixture.Name}").WaitForAsync();
            Assert.Equal(new Uri(fixture.Console, "/helpdesk/account"), new Uri(page.Url));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"{exception.Message}{Environment.NewLine}Last page: {page.Url}{Environment.NewLine}{fixture.Describe()}", exception);
        }
    }

    /// <summary>GETs <paramref name="address"/> and its redirects (relative ones against the current address) until a page answers.</summary>
    private static async Task<(string Html, Uri Address)> FollowAsync(HttpClient browser, Uri address, CancellationToken cancellationToken)
    {
        var current = address;
        for (var hop = 0; hop < 10; hop++)
        {
            using var response = await browser.GetAsync(current, cancellationToken);
            if (response.Headers.Location is not { } next)
            {
                Assert.True(response.IsSuccessStatusCode, $"GET {current} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return (await response.Content.ReadAsStringAsync(cancellationToken), current);
            }

            current = new Uri(current, next);
        }

        throw new InvalidOperationException($"More than 10 redirects, last to {current}.");
    }

    private static string HiddenField(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"""<input type="hidden" name="{Regex.Escape(name)}" value="(?<value>[^"]*)">""").Groups["value"].Value);

    [GeneratedRegex("""<form method="post" action="(?<action>[^"]+)">""")]
    private static partial Regex FormAction();
}
