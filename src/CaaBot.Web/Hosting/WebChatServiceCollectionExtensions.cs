using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Hosting;
using CaaBot.Web.DirectLine;

namespace CaaBot.Web.Hosting;

/// <summary>Registers the self-hosted Direct Line channel, its bridge to the bot, and the <c>/chat</c> page's branding.</summary>
public static class WebChatServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotWebChat(this IServiceCollection services)
    {
        services.AddCaaBotDirectLine();
        services.AddSingleton<IDirectLineBotGateway, DirectLineBotGateway>();
        services.AddHostedService<ChatAddressAnnouncer>();
        services.AddOptions<WebChatOptions>().BindConfiguration(WebChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
