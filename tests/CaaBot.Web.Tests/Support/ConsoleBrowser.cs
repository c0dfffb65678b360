using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CaaBot.Web.HelpdeskConsole.Authentication;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaaBot.Web.Tests.Support;

/// <summary>An agent's browser against the in-process host: keeps cookies, never follows redirects (the tests look at them).</summary>
internal sealed partial class ConsoleBrowser(CaaBotHost host, string baseAddress = "http://localhost")
{
    public HttpClient Client { get; } = host.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri(baseAddress),
    });

    /// <summary>Opens the sign-in page and posts the form on it, as a person would.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string? returnUrl = null)
    {
        var page = await GetStringAsync("/helpdesk/signin" + (returnUrl is null ? string.Empty : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return await Client.PostAsync(new Uri("/helpdesk/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [ConsoleAntiforgery.FormFieldName] = HiddenField(page, ConsoleAntiforgery.FormFieldName),
            ["returnUrl"] = HiddenField(page, "returnUrl"),
            ["userName"] = userName,
            ["password"] = password,
        }));
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return await response.Content.ReadAsStringAsync();
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(new Uri(path, UriKind.Relative));

    /// <summary>A POST as the console's script sends it: JSON body, and the antiforgery token <c>/helpdesk/api/me</c> hands out.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, object? body = null)
    {
        var profile = await MeAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add(profile.AntiforgeryHeader, profile.AntiforgeryToken);
        return await Client.SendAsync(request);
    }

    /// <summary>A browser signed in as <paramref name="userName"/>; fails the test when the sign-in does not take.</summary>
    public static async Task<ConsoleBrowser> SignedInAsync(CaaBotHost host, string userName, string password)
    {
        var browser = new ConsoleBrowser(host);
        using var signIn = await browser.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    /// <summary><c>/helpdesk/api/me</c> for a signed-in agent; fails the test otherwise.</summary>
    public async Task<AgentProfile> MeAsync()
    {
        using var response = await GetAsync("/helpdesk/api/me");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<AgentProfile>())!;
    }

    /// <summary>The decoded value of the hidden input <paramref name="name"/> on <paramref name="html"/>.</summary>
    public static string HiddenField(string html, string name)
    {
        var match = HiddenInput().Matches(html).FirstOrDefault(candidate => WebUtility.HtmlDecode(candidate.Groups["name"].Value) == name);
        Assert.True(match is not null, $"No hidden field {name} on the page:\n{html}");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]*)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenInput();
}
