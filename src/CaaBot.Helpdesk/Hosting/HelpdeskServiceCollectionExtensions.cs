using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Hosting;

/// <summary>Registers the helpdesk: the built-in ticket queue unless the host registered another <see cref="ITicketQueue"/>.</summary>
public static class HelpdeskServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="BuiltInTicketQueue"/> as the singleton <see cref="ITicketQueue"/> (TryAdd: an earlier
    /// registration wins). Needs <see cref="IDocumentStore"/> and <see cref="IStreamStore"/>; uses the registered
    /// <see cref="TimeProvider"/> and logging when present, <see cref="TimeProvider.System"/> and no logging otherwise.
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
        return services;
    }
}
