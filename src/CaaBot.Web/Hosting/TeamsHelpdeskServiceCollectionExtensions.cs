using CaaBot.Bot.LiveChat.Teams;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Web.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Hosting;

/// <summary>
/// Agents in a Teams channel (<c>CaaBot:Helpdesk:Teams</c>): the escalation cards posted there and what agents do in
/// it. Registered always, idle until a channel is configured; the bot's Teams id comes from the app registration.
/// </summary>
public static class TeamsHelpdeskServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotTeamsHelpdesk(this IServiceCollection services)
    {
        services.AddOptions<TeamsHelpdeskOptions>()
            .BindConfiguration(TeamsHelpdeskOptions.SectionName)
            .Configure<IOptions<BotCredentialsOptions>>((options, credentials) =>
            {
                if (string.IsNullOrWhiteSpace(options.BotId) && credentials.Value.HasAppId)
                {
                    options.BotId = "28:" + credentials.Value.MicrosoftAppId;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<TeamsHelpdeskChannel>();
        services.AddSingleton<HelpdeskChannelAgents>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHandoffObserver, TeamsHelpdeskObserver>(provider => new TeamsHelpdeskObserver(
            provider.GetRequiredService<TeamsHelpdeskChannel>(),
            provider.GetRequiredService<LiveHandoffDesk>,
            provider.GetRequiredService<ILogger<TeamsHelpdeskObserver>>())));
        return services;
    }
}
