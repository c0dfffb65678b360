using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using CaaBot.Web.Hosting;

namespace CaaBot.Web.Tests.Hosting;

public sealed partial class ChatAddressAnnouncerTests : IDisposable
{
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "caabot-announce-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("http://localhost:3978", "http://localhost:3978/chat")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/chat")]
    [InlineData("http://0.0.0.0:8080", "http://localhost:8080/chat")]
    [InlineData("http://[::]:8080", "http://localhost:8080/chat")]
    [InlineData("http://+:80", "http://localhost/chat")]
    [InlineData("https://*:8443", "https://localhost:8443/chat")]
    public void ChatAddresses_ListeningAddress_IsTheChatPageABrowserCanOpen(string listening, string expected)
    {
        Assert.Equal([expected], ChatAddressAnnouncer.ChatAddresses([listening]));
    }

    [Fact]
    public void ChatAddresses_WildcardsOfBothFamiliesAndGarbage_EachPageOnceAndNothingInvented()
    {
        Assert.Equal(["http://localhost:8080/chat"], ChatAddressAnnouncer.ChatAddresses(["http://0.0.0.0:8080", "http://[::]:8080", "not a url"]));
    }

    [Fact]
    public async Task BuiltDll_Started_PrintsTheChatAddressAndThePageAnswersThere()
    {
        Directory.CreateDirectory(_workFolder);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _workFolder,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["CaaBot__DataDirectory"] = Path.Combine(_workFolder, "data"),
                ["Logging__LogLevel__Default"] = "Information",
            },
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "CaaBot.Web.dll"), "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? address = null;
            while (address is null && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                address = ChatLine().Match(line) is { Success: true } match ? match.Groups["url"].Value : null;
            }

            Assert.True(address is not null, "The host never printed the web chat address.");
            using var http = new HttpClient();
            using var page = await http.GetAsync(new Uri(address), timeout.Token);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_workFolder))
        {
            Directory.Delete(_workFolder, recursive: true);
        }
    }

    [GeneratedRegex(@"Web chat: open (?<url>http://127\.0\.0\.1:[0-9]+/chat) in a browser")]
    private static partial Regex ChatLine();
}
