using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Web;
using CaaBot.Web.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaaBot.Web.Tests.Telemetry;

/// <summary>
/// What an operator's log store receives at Information and above: no secrets from configuration and nothing the user
/// typed. A registered bot (secret, token from Entra, reply to the channel) runs a conversation through triage to the
/// escalation summary with recognisable text, with every category logging down to Trace.
/// </summary>
public sealed class LogHygieneTests
{
    private const string Secret = "SECRET-7f3a-do-not-log";
    private const string DirectLineSecret = "DLSECRET-91c2-do-not-log";
    private const string UserWords = "PURPLE-ELEPHANT my laptop refuses teams";
    private const string UserName = "Zebedee Quarrington";

    private static readonly ChannelIdentity Identity = new();

    [Fact]
    public async Task Conversation_InformationAndAboveLogs_HoldNoSecretAndNoUserText()
    {
        var logs = new CapturingLoggerProvider();
        var entra = new EntraStandIn();
        using var host = new CaaBotHost(
            environment: "Production",
            settings: new()
            {
                ["MicrosoftAppId"] = ChannelIdentity.AppId,
                ["MicrosoftAppType"] = "SingleTenant",
                ["MicrosoftAppTenantId"] = ChannelIdentity.TenantId,
                ["MicrosoftAppPassword"] = Secret,
                ["CaaBot:DirectLine:Secret"] = DirectLineSecret,
                ["CaaBot:OutboundAuthentication:AuthorityHost"] = "https://login.entra.test/",
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            },
            overrides: services =>
            {
                Identity.Install(services);
                services.AddHttpClient(MsalHttpClientFactory.ClientName).ConfigurePrimaryHttpMessageHandler(() => entra);
                services.AddSingleton<ILoggerProvider>(logs);
            });
        try
        {
            var client = host.CreateClient();
            var token = "Bearer " + Identity.ChannelToken(Activities.ServiceUrl);
            var id = 0;
            foreach (var text in new[] { "hi", UserWords, "Windows PC", "agent" })
            {
                var activity = Activities.Message("c-logs", (++id).ToString(System.Globalization.CultureInfo.InvariantCulture), text, deliveryMode: null) with
                {
                    From = new CaaBot.Protocol.Schema.ChannelAccount { Id = "user-logs", Name = UserName },
                };
                using var response = await Activities.PostAsync(client, activity, token);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            // The conversation really ran: replies went out with a token bought with the secret.
            Assert.NotEmpty(entra.Requests);
            Assert.Contains(host.Connector.Requests, request => request.Authorization == "Bearer bot-token");
        }
        finally
        {
            host.Dispose();
            host.DeleteData();
        }

        var visible = logs.Entries.Where(entry => entry.Level >= LogLevel.Information).ToList();
        // Capture works at every level (the turn log is Debug), and requests were logged at Information.
        Assert.Contains(logs.Entries, entry => entry.Category.EndsWith("TurnProcessor", StringComparison.Ordinal) && entry.Level == LogLevel.Debug);
        Assert.Contains(visible, entry => entry.Text.Contains("/api/messages", StringComparison.Ordinal));
        foreach (var forbidden in new[] { Secret, DirectLineSecret, "PURPLE-ELEPHANT", "refuses teams", UserName, "bot-token" })
        {
            Assert.DoesNotContain(visible, entry => entry.Text.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Entra's token endpoint: issues a token for the test app's secret.</summary>
    private sealed class EntraStandIn : HttpMessageHandler
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = HttpUtility.ParseQueryString(request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken));
            Requests.Enqueue(request.RequestUri!.AbsolutePath);
            var known = form["client_id"] == ChannelIdentity.AppId && form["client_secret"] == Secret;
            var json = known
                ? """{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"bot-token"}"""
                : """{"error":"invalid_client","error_description":"unknown client"}""";
            return new HttpResponseMessage(known ? HttpStatusCode.OK : HttpStatusCode.Unauthorized) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }
    }
}
