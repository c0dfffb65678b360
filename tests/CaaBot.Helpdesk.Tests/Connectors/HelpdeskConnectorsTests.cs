using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Email;
using CaaBot.Helpdesk.Connectors.RequestTracker;
using CaaBot.Helpdesk.Hosting;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Helpdesk.Tests.Connectors;

public sealed class HelpdeskConnectorsTests
{
    private static readonly IHelpdeskConnectorFactory[] Factories = [new RequestTrackerConnectorFactory(), new EmailConnectorFactory()];

    [Fact]
    public void FromConfiguration_NothingConfigured_NoConnectors()
    {
        var connectors = HelpdeskConnectors.FromConfiguration(Configuration([]), Factories, Services());

        Assert.Empty(connectors.All);
    }

    [Fact]
    public void FromConfiguration_RtAndEmail_BuildsBothUnderTheirNames()
    {
        var connectors = HelpdeskConnectors.FromConfiguration(
            Configuration(new()
            {
                ["CaaBot:Helpdesk:Connectors:0:Type"] = "RequestTracker",
                ["CaaBot:Helpdesk:Connectors:0:BaseUrl"] = "https://rt.example.com/",
                ["CaaBot:Helpdesk:Connectors:0:Token"] = "1-14-abcdef",
                ["CaaBot:Helpdesk:Connectors:1:Type"] = "email",
                ["CaaBot:Helpdesk:Connectors:1:Name"] = "servicedesk-mail",
                ["CaaBot:Helpdesk:Connectors:1:Host"] = "smtp.example.com",
                ["CaaBot:Helpdesk:Connectors:1:Port"] = "587",
                ["CaaBot:Helpdesk:Connectors:1:Security"] = "StartTls",
                ["CaaBot:Helpdesk:Connectors:1:From"] = "caabot@example.com",
                ["CaaBot:Helpdesk:Connectors:1:To"] = "helpdesk@example.com",
                ["CaaBot:Helpdesk:Connectors:2:Type"] = "Email",
                ["CaaBot:Helpdesk:Connectors:2:Enabled"] = "false",
            }),
            Factories,
            Services());

        Assert.Equal(["rt", "servicedesk-mail"], connectors.All.Select(connector => connector.Name));
        Assert.IsType<RequestTrackerConnector>(connectors.Find("rt"));
        Assert.IsType<EmailConnector>(connectors.Find("servicedesk-mail"));
    }

    [Fact]
    public void FromConfiguration_Misconfigured_ListsEveryProblemByKeyWithoutEchoingSecrets()
    {
        var configuration = Configuration(new()
        {
            ["CaaBot:Helpdesk:Connectors:0:Type"] = "RequestTracker",
            ["CaaBot:Helpdesk:Connectors:0:BaseUrl"] = "ftp://rt.example.com/",
            ["CaaBot:Helpdesk:Connectors:0:Username"] = "caabot",
            ["CaaBot:Helpdesk:Connectors:1:Type"] = "Jira-ish",
            ["CaaBot:Helpdesk:Connectors:2:Type"] = "Email",
            ["CaaBot:Helpdesk:Connectors:2:Name"] = "rt",
            ["CaaBot:Helpdesk:Connectors:2:From"] = "not an address",
            ["CaaBot:Helpdesk:Connectors:2:Password"] = "s3cret-value",
            ["CaaBot:Helpdesk:Connectors:3:BaseUrl"] = "https://x/",
        });

        var error = Assert.Throws<InvalidOperationException>(() => HelpdeskConnectors.FromConfiguration(configuration, Factories, Services()));

        foreach (var expected in new[]
        {
            "CaaBot:Helpdesk:Connectors:0: BaseUrl must be RT's absolute http(s) address",
            "CaaBot:Helpdesk:Connectors:0: Password is missing for Username",
            "CaaBot:Helpdesk:Connectors:1:Type 'Jira-ish' is not a known helpdesk system (one of: Email, RequestTracker)",
            "CaaBot:Helpdesk:Connectors:2:Name 'rt' is used by another connector",
            "CaaBot:Helpdesk:Connectors:2: Host is missing",
            "CaaBot:Helpdesk:Connectors:2: From must be one email address",
            "CaaBot:Helpdesk:Connectors:2: To must be the helpdesk's email address",
            "CaaBot:Helpdesk:Connectors:3:Type is missing",
        })
        {
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("s3cret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddCaaBotHelpdesk_BadConnectorConfiguration_FailsWhenTheHostResolvesIt()
    {
        var services = new ServiceCollection()
            .AddSingleton<IDocumentStore, InMemoryDocumentStore>()
            .AddSingleton<IStreamStore>(new InMemoryStreamStore(TimeProvider.System))
            .AddSingleton<IConfiguration>(Configuration(new() { ["CaaBot:Helpdesk:Connectors:0:Type"] = "RequestTracker" }))
            .AddCaaBotHelpdesk();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<HelpdeskConnectors>());
        Assert.Contains("BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestTrackerMap_LifecycleWords_MapOntoOurStatuses()
    {
        Assert.Equal(
            [Tickets.TicketStatus.New, Tickets.TicketStatus.InProgress, Tickets.TicketStatus.InProgress, Tickets.TicketStatus.Resolved, Tickets.TicketStatus.Closed, Tickets.TicketStatus.Closed],
            new[] { "new", "open", "stalled", "resolved", "rejected", "deleted" }.Select(RequestTrackerConnector.Map));
    }

    [Fact]
    public void FromConfiguration_WebhookServiceNowJiraZendesk_AreBuiltFromTheHostsRegistrations()
    {
        var services = new ServiceCollection().AddHttpClient().AddCaaBotHelpdesk().BuildServiceProvider();
        var connectors = HelpdeskConnectors.FromConfiguration(
            Configuration(new()
            {
                ["CaaBot:Helpdesk:Connectors:0:Type"] = "Webhook",
                ["CaaBot:Helpdesk:Connectors:0:Url"] = "https://hooks.example.com/caabot",
                ["CaaBot:Helpdesk:Connectors:0:Secret"] = new string('s', 40),
                ["CaaBot:Helpdesk:Connectors:1:Type"] = "servicenow",
                ["CaaBot:Helpdesk:Connectors:1:InstanceUrl"] = "https://example.service-now.com",
                ["CaaBot:Helpdesk:Connectors:1:BearerToken"] = "token-from-env",
                ["CaaBot:Helpdesk:Connectors:2:Type"] = "Jira",
                ["CaaBot:Helpdesk:Connectors:2:Name"] = "jsm",
                ["CaaBot:Helpdesk:Connectors:2:SiteUrl"] = "https://example.atlassian.net",
                ["CaaBot:Helpdesk:Connectors:2:Email"] = "agent@example.com",
                ["CaaBot:Helpdesk:Connectors:2:ApiToken"] = "api-token",
                ["CaaBot:Helpdesk:Connectors:2:ServiceDeskId"] = "1",
                ["CaaBot:Helpdesk:Connectors:2:RequestTypeId"] = "10",
                ["CaaBot:Helpdesk:Connectors:2:ProjectKey"] = "SUP",
                ["CaaBot:Helpdesk:Connectors:3:Type"] = "Zendesk",
                ["CaaBot:Helpdesk:Connectors:3:SubdomainUrl"] = "https://example.zendesk.com",
                ["CaaBot:Helpdesk:Connectors:3:Email"] = "agent@example.com",
                ["CaaBot:Helpdesk:Connectors:3:ApiToken"] = "api-token",
            }),
            services.GetServices<IHelpdeskConnectorFactory>(),
            services);

        Assert.Equal(["webhook", "servicenow", "jsm", "zendesk"], connectors.All.Select(connector => connector.Name));
        Assert.IsType<CaaBot.Helpdesk.Connectors.Webhook.WebhookConnector>(connectors.Find("webhook"));
        Assert.IsType<CaaBot.Helpdesk.Connectors.ServiceNow.ServiceNowConnector>(connectors.Find("servicenow"));
        Assert.IsType<CaaBot.Helpdesk.Connectors.Jira.JiraConnector>(connectors.Find("jsm"));
        Assert.IsType<CaaBot.Helpdesk.Connectors.Zendesk.ZendeskConnector>(connectors.Find("zendesk"));
    }

    [Fact]
    public void Validate_WebhookWithAShortSecretAndServiceNowWithoutCredentials_NamesEachProblemWithoutTheSecret()
    {
        var services = new ServiceCollection().AddHttpClient().AddCaaBotHelpdesk().BuildServiceProvider();
        var problems = HelpdeskConnectors.Validate(
            Configuration(new()
            {
                ["CaaBot:Helpdesk:Connectors:0:Type"] = "Webhook",
                ["CaaBot:Helpdesk:Connectors:0:Url"] = "https://hooks.example.com/caabot",
                ["CaaBot:Helpdesk:Connectors:0:Secret"] = "tooshort-secret-value",
                ["CaaBot:Helpdesk:Connectors:1:Type"] = "ServiceNow",
                ["CaaBot:Helpdesk:Connectors:1:InstanceUrl"] = "https://example.service-now.com",
            }),
            services.GetServices<IHelpdeskConnectorFactory>());

        Assert.Contains(problems, problem => problem.Contains("Connectors:0", StringComparison.Ordinal) && problem.Contains("Secret", StringComparison.Ordinal));
        Assert.Contains(problems, problem => problem.Contains("Connectors:1", StringComparison.Ordinal) && problem.Contains("BearerToken", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, problem => problem.Contains("tooshort-secret-value", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Services() => new ServiceCollection().AddHttpClient().BuildServiceProvider();
}
