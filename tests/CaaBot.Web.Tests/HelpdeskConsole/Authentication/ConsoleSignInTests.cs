using System.Net;
using System.Net.Http.Json;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Web.HelpdeskConsole.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.HelpdeskConsole.Authentication;

/// <summary>Signing in to the helpdesk console with a local account, through the real host and its real pipeline.</summary>
public sealed class ConsoleSignInTests : IDisposable
{
    public const string UserName = "ada";
    public const string Password = "correct horse battery staple";
    private static readonly string PasswordHash = ConsolePasswordHasher.Hash(Password);

    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CaaBotHost _host;

    public ConsoleSignInTests() => _host = new CaaBotHost(
        environment: "Production",
        settings: AccountSettings(),
        overrides: services => services.AddSingleton<TimeProvider>(_time));

    public static Dictionary<string, string?> AccountSettings() => new()
    {
        ["CaaBot:Helpdesk:Console:Accounts:0:UserName"] = UserName,
        ["CaaBot:Helpdesk:Console:Accounts:0:DisplayName"] = "Ada Lovelace",
        ["CaaBot:Helpdesk:Console:Accounts:0:PasswordHash"] = PasswordHash,
        ["CaaBot:Helpdesk:Console:FailedSignInLimit"] = "3",
    };

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Fact]
    public async Task Console_Anonymous_PageRedirectsToSignInAndApiIs401()
    {
        var browser = new ConsoleBrowser(_host);

        using var page = await browser.GetAsync("/helpdesk/account");
        using var api = await browser.GetAsync("/helpdesk/api/me");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/helpdesk/signin", page.Headers.Location!.AbsolutePath);
        Assert.Equal("?returnUrl=%2Fhelpdesk%2Faccount", page.Headers.Location.Query);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Null(api.Headers.Location);
    }

    [Fact]
    public async Task SignIn_RightPassword_SignedInAndMeNamesTheAgent()
    {
        var browser = new ConsoleBrowser(_host);

        using var signIn = await browser.SignInAsync("ADA", Password, returnUrl: "/helpdesk/account");
        var me = await browser.MeAsync();
        var account = await browser.GetStringAsync("/helpdesk/account");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/helpdesk/account", signIn.Headers.Location!.OriginalString);
        Assert.Equal(new AgentProfile("local:ada", "Ada Lovelace", "local", ConsoleAntiforgery.HeaderName, me.AntiforgeryToken), me);
        Assert.NotEmpty(me.AntiforgeryToken);
        Assert.Contains("Signed in as <strong>Ada Lovelace</strong>", account, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserName, "wrong password")]
    [InlineData("nobody", Password)]
    public async Task SignIn_WrongUserOrPassword_GenericErrorAndNoSession(string userName, string password)
    {
        var browser = new ConsoleBrowser(_host);

        using var response = await browser.SignInAsync(userName, password);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The user name or password is not correct.", html, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith(HelpdeskConsoleAuthenticationServiceCollectionExtensions.SessionCookieName + "=", StringComparison.Ordinal));
        using var me = await browser.GetAsync("/helpdesk/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task SignIn_RepeatedFailures_ThrottledEvenForTheRightPasswordUntilTheWindowPasses()
    {
        var browser = new ConsoleBrowser(_host);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var failed = await browser.SignInAsync(UserName, "guess " + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var throttled = await browser.SignInAsync(UserName, Password);
        using var otherUser = await browser.SignInAsync("grace", "first try for another name");
        _time.Advance(TimeSpan.FromMinutes(15));
        using var afterWindow = await browser.SignInAsync(UserName, Password);

        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Contains("Too many failed sign-in attempts", await throttled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.OK, otherUser.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterWindow.StatusCode);
        Assert.Equal("local:ada", (await browser.MeAsync()).Id);
    }

    [Theory]
    [InlineData("https://evil.example/helpdesk")]
    [InlineData("//evil.example/helpdesk")]
    [InlineData("/\\evil.example")]
    [InlineData("/helpdesk.evil.example")]
    [InlineData("/helpdesk/../chat")]
    [InlineData("/helpdesk/%2e%2e/chat")]
    [InlineData("/chat")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_ReturnUrlOutsideTheConsole_GoesToTheConsoleHome(string returnUrl)
    {
        var browser = new ConsoleBrowser(_host);

        var page = await browser.GetStringAsync("/helpdesk/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        using var signIn = await browser.SignInAsync(UserName, Password, returnUrl);

        Assert.Equal("/helpdesk", ConsoleBrowser.HiddenField(page, "returnUrl"));
        Assert.Equal("/helpdesk", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_PostedReturnUrlOutsideTheConsole_IsRefusedToo()
    {
        var browser = new ConsoleBrowser(_host);
        var page = await browser.GetStringAsync("/helpdesk/signin");

        using var signIn = await browser.Client.PostAsync(new Uri("/helpdesk/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [ConsoleAntiforgery.FormFieldName] = ConsoleBrowser.HiddenField(page, ConsoleAntiforgery.FormFieldName),
            ["returnUrl"] = "https://evil.example/",
            ["userName"] = UserName,
            ["password"] = Password,
        }));

        Assert.Equal("/helpdesk", signIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithoutTheAntiforgeryToken_Is400AndNoSession()
    {
        var browser = new ConsoleBrowser(_host);
        await browser.GetStringAsync("/helpdesk/signin");

        using var forged = await browser.Client.PostAsync(new Uri("/helpdesk/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = UserName,
            ["password"] = Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using var me = await browser.GetAsync("/helpdesk/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [Fact]
    public async Task SignOut_WithTheTokenFromMe_EndsTheSessionAndWithoutItIsRefused()
    {
        var browser = new ConsoleBrowser(_host);
        using var signIn = await browser.SignInAsync(UserName, Password);
        var me = await browser.MeAsync();

        using var withoutToken = await browser.Client.PostAsync(new Uri("/helpdesk/signout", UriKind.Relative), null);
        using var stillSignedIn = await browser.GetAsync("/helpdesk/api/me");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/helpdesk/signout", UriKind.Relative));
        request.Headers.Add(me.AntiforgeryHeader, me.AntiforgeryToken);
        using var signOut = await browser.Client.SendAsync(request);
        using var afterwards = await browser.GetAsync("/helpdesk/api/me");

        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/helpdesk/signin", signOut.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost", false)]
    [InlineData("https://localhost", true)]
    public async Task SignIn_SessionCookie_HttpOnlyStrictConsolePathAndSecureOverHttps(string baseAddress, bool secure)
    {
        var browser = new ConsoleBrowser(_host, baseAddress);

        using var signIn = await browser.SignInAsync(UserName, Password);

        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(HelpdeskConsoleAuthenticationServiceCollectionExtensions.SessionCookieName + "=", StringComparison.Ordinal));
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(attribute => attribute.ToUpperInvariant()).ToList();
        Assert.Contains("HTTPONLY", attributes);
        Assert.Contains("SAMESITE=STRICT", attributes);
        Assert.Contains("PATH=/HELPDESK", attributes);
        Assert.Equal(secure, attributes.Contains("SECURE"));
        Assert.DoesNotContain(attributes, attribute => attribute.StartsWith("EXPIRES", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Session_SlidesWhileUsedAndExpiresWhenIdle()
    {
        var browser = new ConsoleBrowser(_host);
        using var signIn = await browser.SignInAsync(UserName, Password);

        for (var hour = 0; hour < 3; hour++)
        {
            _time.Advance(TimeSpan.FromHours(5));
            await browser.MeAsync();
        }

        _time.Advance(TimeSpan.FromHours(9));
        using var idle = await browser.GetAsync("/helpdesk/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, idle.StatusCode);
    }

    [Fact]
    public async Task Session_AfterARestartOnTheSameStore_IsStillValid()
    {
        var dataDirectory = _host.DataDirectory;
        var browser = new ConsoleBrowser(_host);
        using var signIn = await browser.SignInAsync(UserName, Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith(HelpdeskConsoleAuthenticationServiceCollectionExtensions.SessionCookieName + "=", StringComparison.Ordinal)).Split(';')[0];
        _host.Dispose();

        using var restarted = new CaaBotHost(environment: "Production", settings: AccountSettings(), dataDirectory: dataDirectory);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/helpdesk/api/me", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var me = await restarted.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("local:ada", (await me.Content.ReadFromJsonAsync<AgentProfile>())!.Id);
    }
}
