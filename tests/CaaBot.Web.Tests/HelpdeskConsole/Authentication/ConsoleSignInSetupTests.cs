using System.Net;
using CaaBot.Web.HelpdeskConsole.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaaBot.Web.Tests.HelpdeskConsole.Authentication;

/// <summary>What the console offers when nothing is configured, and that signing in leaves the bot's own endpoints alone.</summary>
public sealed class ConsoleSignInSetupTests
{
    [Fact]
    public async Task Development_NothingConfigured_CreatesOneOwnerOnlyAccountFileAndLogsOnlyItsPath()
    {
        var logs = new CapturingLoggerProvider();
        using var host = new CaaBotHost(overrides: services => services.AddSingleton<ILoggerProvider>(logs));
        try
        {
            var browser = new ConsoleBrowser(host);
            var page = await browser.GetStringAsync("/helpdesk/signin");
            var file = Path.Combine(host.DataDirectory, DevelopmentAccount.FileName);
            var lines = await File.ReadAllLinesAsync(file);
            var userName = lines.Single(line => line.StartsWith("user name: ", StringComparison.Ordinal))["user name: ".Length..];
            var password = lines.Single(line => line.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];

            using var signIn = await browser.SignInAsync(userName, password);
            var me = await browser.MeAsync();

            Assert.Contains("name=\"password\"", page, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            Assert.True(password.Length >= 20);
            Assert.Equal(("local:dev-agent", DevelopmentAccount.DisplayName), (me.Id, me.DisplayName));
            Assert.Contains(logs.Entries, entry => entry.Text.Contains(file, StringComparison.Ordinal));
            Assert.DoesNotContain(logs.Entries, entry => entry.Text.Contains(password, StringComparison.Ordinal));
        }
        finally
        {
            host.Dispose();
            host.DeleteData();
        }
    }

    [Fact]
    public async Task Development_AfterARestart_ReusesTheSamePassword()
    {
        using var first = new CaaBotHost();
        await new ConsoleBrowser(first).GetStringAsync("/helpdesk/signin");
        var file = Path.Combine(first.DataDirectory, DevelopmentAccount.FileName);
        var before = await File.ReadAllTextAsync(file);
        first.Dispose();

        using var second = new CaaBotHost(dataDirectory: first.DataDirectory);
        var password = (await File.ReadAllLinesAsync(file)).Single(line => line.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..];
        using var signIn = await new ConsoleBrowser(second).SignInAsync(DevelopmentAccount.DefaultUserName, password);

        Assert.Equal(before, await File.ReadAllTextAsync(file));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        second.DeleteData();
    }

    [Fact]
    public async Task Development_WithAConfiguredAccount_CreatesNoDevelopmentAccount()
    {
        using var host = new CaaBotHost(settings: ConsoleSignInTests.AccountSettings());
        var browser = new ConsoleBrowser(host);

        using var devAccount = await browser.SignInAsync(DevelopmentAccount.DefaultUserName, "anything at all");
        using var configured = await browser.SignInAsync(ConsoleSignInTests.UserName, ConsoleSignInTests.Password);

        Assert.False(File.Exists(Path.Combine(host.DataDirectory, DevelopmentAccount.FileName)));
        Assert.Equal(HttpStatusCode.OK, devAccount.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, configured.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task Production_NothingConfigured_SaysSignInIsNotConfiguredAndStaysClosed()
    {
        using var host = new CaaBotHost(environment: "Production");
        var browser = new ConsoleBrowser(host);

        using var page = await browser.GetAsync("/helpdesk/signin");
        using var post = await browser.Client.PostAsync(new Uri("/helpdesk/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = DevelopmentAccount.DefaultUserName,
            ["password"] = "anything",
        }));
        using var api = await browser.GetAsync("/helpdesk/api/me");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("Sign-in is not configured", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.False(File.Exists(Path.Combine(host.DataDirectory, DevelopmentAccount.FileName)));
        host.DeleteData();
    }

    [Fact]
    public void Start_MalformedHashOrHalfAnOidcSetup_StopsTheHostNamingTheKey()
    {
        using var host = new CaaBotHost(environment: "Production", settings: new()
        {
            ["CaaBot:Helpdesk:Console:Accounts:0:UserName"] = "ada",
            ["CaaBot:Helpdesk:Console:Accounts:0:PasswordHash"] = "hunter2",
            ["CaaBot:Helpdesk:Console:Oidc:Authority"] = "https://login.example/",
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("CaaBot:Helpdesk:Console:Accounts:0:PasswordHash", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CaaBot:Helpdesk:Console:Oidc needs all of Authority, ClientId and ClientSecret", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
        host.DeleteData();
    }

    [Fact]
    public async Task BotEndpoints_WithConsoleSignInInThePipeline_AnswerAsBefore()
    {
        using var host = new CaaBotHost(settings: ConsoleSignInTests.AccountSettings());
        var browser = new ConsoleBrowser(host);
        using var signIn = await browser.SignInAsync(ConsoleSignInTests.UserName, ConsoleSignInTests.Password);

        // Anonymous local traffic (Development, no app id) still reaches the bot; a console session changes nothing there.
        var replies = await Activities.ExchangeAsync(browser.Client, "console-c1", "1", "hi");
        using var token = await browser.Client.PostAsync(new Uri("/v3/directline/tokens/generate", UriKind.Relative), null);
        using var health = await browser.GetAsync("/healthz");

        Assert.NotEmpty(replies);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task BotEndpoints_ProductionWithAnAppId_StillRefuseAnUnsignedActivity()
    {
        using var host = new CaaBotHost(environment: "Production", settings: new(ConsoleSignInTests.AccountSettings())
        {
            ["MicrosoftAppId"] = ChannelIdentity.AppId,
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = ChannelIdentity.TenantId,
            ["MicrosoftAppPassword"] = "not-used-here",
        });
        var browser = new ConsoleBrowser(host);
        using var signIn = await browser.SignInAsync(ConsoleSignInTests.UserName, ConsoleSignInTests.Password);

        using var unsigned = await Activities.PostAsync(browser.Client, Activities.Message("console-c2", "1", "hi"));

        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        host.DeleteData();
    }
}
