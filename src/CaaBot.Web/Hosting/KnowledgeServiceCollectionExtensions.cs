using CaaBot.Knowledge.Playbooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Hosting;

/// <summary>Registers the playbook catalog: bound to <c>CaaBot:Knowledge</c>, loaded before the first request, watched for edits.</summary>
public static class KnowledgeServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotKnowledge(this IServiceCollection services)
    {
        services.AddOptions<PlaybookCatalogOptions>()
            .BindConfiguration(PlaybookCatalogOptions.SectionName)
            .PostConfigure<IHostEnvironment>((options, environment) =>
                // A relative folder is relative to the content root, like every other path the host reads.
                options.PlaybookFolder = string.IsNullOrWhiteSpace(options.PlaybookFolder)
                    ? PlaybookCatalogOptions.ShippedFolder
                    : Path.GetFullPath(options.PlaybookFolder, environment.ContentRootPath))
            .Validate(options => options.ReloadDelay >= TimeSpan.Zero && options.PollInterval >= TimeSpan.Zero, "ReloadDelay and PollInterval must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton<PlaybookLoader>();
        services.TryAddSingleton(provider => new PlaybookCatalog(
            provider.GetRequiredService<IOptions<PlaybookCatalogOptions>>().Value,
            provider.GetRequiredService<PlaybookLoader>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<PlaybookCatalog>>()));
        services.AddHostedService<PlaybookCatalogStartup>();
        return services;
    }
}
