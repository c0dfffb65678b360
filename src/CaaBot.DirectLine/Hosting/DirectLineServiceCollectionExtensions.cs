using CaaBot.DirectLine.Api;
using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Identity;
using CaaBot.DirectLine.Tokens;
using CaaBot.DirectLine.Uploads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaaBot.DirectLine.Hosting;

/// <summary>
/// Registers the Direct Line channel, bound to <c>CaaBot:DirectLine</c> and validated on start. The host must also
/// register an <see cref="IDirectLineBotGateway"/>, an <c>IDocumentStore</c>, an <c>IStreamStore</c> and a <see cref="TimeProvider"/>.
/// </summary>
public static class DirectLineServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotDirectLine(this IServiceCollection services)
    {
        services.AddOptions<DirectLineOptions>()
            .BindConfiguration(DirectLineOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => options.AllowedOrigins.All(origin => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.AbsolutePath == "/"),
                "AllowedOrigins must be origins such as https://intranet.example.com (scheme, host and port only).")
            .Validate(options => string.IsNullOrEmpty(options.PublicUrl) || Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out _), "PublicUrl must be an absolute URL.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DirectLineTokenService>();
        services.TryAddSingleton<DirectLineConversations>();
        services.TryAddSingleton<DirectLineUploads>();
        services.TryAddSingleton<DirectLineIdentityResolver>();
        services.TryAddSingleton<DirectLineCorsFilter>();
        services.TryAddSingleton<DirectLineRateLimitFilter>();
        services.TryAddSingleton<DirectLineEndpoints>();
        services.TryAddSingleton<DirectLineActivityEndpoints>();
        services.TryAddSingleton<DirectLineUploadEndpoints>();
        services.TryAddSingleton<DirectLineStreamEndpoint>();
        services.TryAddSingleton(provider =>
        {
            var oidc = provider.GetRequiredService<IOptions<DirectLineOptions>>().Value.Oidc;
            var address = oidc.EffectiveMetadataAddress;
            return new OidcIdTokenValidator(
                oidc,
                new ConfigurationManager<OpenIdConnectConfiguration>(
                    address,
                    new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever { RequireHttps = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase) })
                {
                    AutomaticRefreshInterval = TimeSpan.FromHours(24),
                },
                provider.GetRequiredService<TimeProvider>());
        });
        return services;
    }
}
