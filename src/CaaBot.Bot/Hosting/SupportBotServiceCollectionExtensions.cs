using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Turns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaaBot.Bot.Hosting;

/// <summary>Registers the support bot and its dialogs.</summary>
public static class SupportBotServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotSupportBot(this IServiceCollection services)
    {
        services.AddSingleton<GettingStartedDialog>();
        services.AddSingleton(provider => new DialogRunner(
            provider.GetRequiredService<GettingStartedDialog>(),
            new DialogRunnerOptions(),
            provider.GetRequiredService<ILogger<DialogRunner>>()));
        services.AddSingleton<IBot, SupportBot>();
        return services;
    }
}
