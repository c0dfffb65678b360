using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Email;
using CaaBot.Helpdesk.Connectors.Http;
using CaaBot.Helpdesk.Connectors.Jira;
using CaaBot.Helpdesk.Connectors.RequestTracker;
using CaaBot.Helpdesk.Connectors.ServiceNow;
using CaaBot.Helpdesk.Connectors.Webhook;
using CaaBot.Helpdesk.Connectors.Zendesk;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CaaBot.Helpdesk.Hosting;

/// <summary>Registers the helpdesk: the built-in ticket queue unless the host registered another <see cref="ITicketQueue"/>, the connectors, the outbox and its workers.</summary>
public static class HelpdeskServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BuiltInTicketQueue"/> as the singleton <see cref="ITicketQueue"/> (TryAdd: an earlier
    /// registration wins). Needs <see cref="IDocumentStore"/> and <see cref="IStreamStore"/>; uses the registered
    /// <see cref="TimeProvider"/> and logging when present, <see cref="TimeProvider.System"/> and no logging otherwise.
    /// Also adds the connectors configured under <c>CaaBot:Helpdesk:Connectors</c> (none without an
    /// <see cref="IConfiguration"/>), the <see cref="HelpdeskOutbox"/> (options from <c>CaaBot:Helpdesk:Outbox</c>)
    /// and its two hosted workers; <see cref="ITicketUpdates"/> is used when the host registers one.
    /// </summary>
    public static IServiceCollection AddCaaBotHelpdesk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(provider => new BuiltInTicketQueue(
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<IStreamStore>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<BuiltInTicketQueue>>() ?? NullLogger<BuiltInTicketQueue>.Instance));
        services.TryAddSingleton<ITicketQueue>(provider => provider.GetRequiredService<BuiltInTicketQueue>());

        services.AddHttpClient();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpdeskConnectorFactory, RequestTrackerConnectorFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpdeskConnectorFactory, EmailConnectorFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpdeskConnectorFactory>(new OptionsConnectorFactory<WebhookConnectorOptions, WebhookConnector>(
            "Webhook", "webhook", o => o.Validate(), (o, name) => o with { Name = name }, (http, o, clock, log) => new WebhookConnector(http, o, clock, log))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpdeskConnectorFactory>(new OptionsConnectorFactory<ServiceNowConnectorOptions, ServiceNowConnector>(
            "ServiceNow", "servicenow", o => o.Validate(), (o, name) => o with { Name = name }, (http, o, clock, log) => new ServiceNowConnector(http, o, clock, log))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpdeskConnectorFactory>(new OptionsConnectorFactory<JiraConnectorOptions, JiraConnector>(
            "Jira", "jira", o => o.Validate(), (o, name) => o with { Name = name }, (http, o, clock, log) => new JiraConnector(http, o, clock, log))));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHelpdeskConnectorFactory>(new OptionsConnectorFactory<ZendeskConnectorOptions, ZendeskConnector>(
            "Zendesk", "zendesk", o => o.Validate(), (o, name) => o with { Name = name }, (http, o, clock, log) => new ZendeskConnector(http, o, clock, log))));
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => provider.GetService<IConfiguration>() is { } configuration
            ? HelpdeskConnectors.FromConfiguration(configuration, provider.GetServices<IHelpdeskConnectorFactory>(), provider)
            : HelpdeskConnectors.None);
        services.TryAddSingleton(provider => new HelpdeskOutbox(
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<IStreamStore>(),
            provider.GetRequiredService<BuiltInTicketQueue>(),
            provider.GetRequiredService<HelpdeskConnectors>(),
            provider.GetRequiredService<IOptions<OutboxOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<HelpdeskOutbox>>() ?? NullLogger<HelpdeskOutbox>.Instance,
            provider.GetService<ITicketUpdates>()));
        // Bursts of one error code become one incident ticket (options from CaaBot:Helpdesk:Incidents).
        services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new IncidentRecords(
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<IStreamStore>(),
            provider.GetRequiredService<IOptions<IncidentOptions>>().Value,
            provider.GetService<ILogger<IncidentRecords>>() ?? NullLogger<IncidentRecords>.Instance));
        services.TryAddSingleton(provider => new IncidentService(
            provider.GetRequiredService<IncidentRecords>(),
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<IStreamStore>(),
            provider.GetRequiredService<ITicketQueue>(),
            provider.GetRequiredService<IOptions<IncidentOptions>>().Value,
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<IncidentService>>() ?? NullLogger<IncidentService>.Instance,
            provider.GetService<HelpdeskOutbox>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, HelpdeskConnectorsStartup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDeliveryWorker>(provider => new OutboxDeliveryWorker(
            provider.GetRequiredService<HelpdeskOutbox>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<OutboxDeliveryWorker>>() ?? NullLogger<OutboxDeliveryWorker>.Instance)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TicketStatusWorker>(provider => new TicketStatusWorker(
            provider.GetRequiredService<HelpdeskOutbox>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<TicketStatusWorker>>() ?? NullLogger<TicketStatusWorker>.Instance)));
        services.AddOptions<LiveChatOptions>().BindConfiguration(LiveChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new AgentPresence(provider.GetRequiredService<IDocumentStore>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(provider => new LiveChatAvailability(
            provider.GetRequiredService<AgentPresence>(), provider.GetRequiredService<IOptions<LiveChatOptions>>(), provider.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton(provider => new LiveHandoffDesk(
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<IStreamStore>(),
            provider.GetServices<IHandoffObserver>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILogger<LiveHandoffDesk>>() ?? NullLogger<LiveHandoffDesk>.Instance));
        return services;
    }
}
