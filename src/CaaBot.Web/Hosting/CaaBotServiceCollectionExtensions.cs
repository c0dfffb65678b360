using CaaBot.Conversations.Continuation;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Authentication;
using CaaBot.Protocol.Connector;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using CaaBot.Storage.Postgres;
using CaaBot.Storage.Sqlite;
using CaaBot.Web.Authentication;
using CaaBot.Web.Configuration;
using CaaBot.Web.Endpoints;
using CaaBot.Web.Scheduling;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CaaBot.Web.Hosting;

/// <summary>Registers everything the host needs; <c>Program.cs</c> calls <see cref="AddCaaBot"/> and nothing else.</summary>
public static class CaaBotServiceCollectionExtensions
{
    /// <summary>Service key of Entra's signing keys for Emulator tokens (the Bot Framework's are the unkeyed registration).</summary>
    public const string EmulatorMetadataKey = "emulator";

    public static IServiceCollection AddCaaBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaaBotOptions>().BindConfiguration(CaaBotOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BotCredentialsOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotCredentialsOptions>, BotCredentialsValidation>();
        services.AddOptions<ChannelAuthenticationSettings>().BindConfiguration(ChannelAuthenticationSettings.SectionName);
        services.AddProblemDetails();
        services.AddSingleton(TimeProvider.System);

        services.AddCaaBotStorage(configuration);
        services.AddCaaBotChannelAuthentication();
        services.AddCaaBotConnector();
        services.AddCaaBotConversations();
        services.AddCaaBotKnowledge();
        services.AddCaaBotScheduling();
        services.AddSingleton<OutOfBandTurns>();
        services.AddHostedService(provider => provider.GetRequiredService<OutOfBandTurns>());
        services.AddSingleton<BotMessageHandler>();
        return services;
    }

    private static void AddCaaBotStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<CaaBotOptions>>().Value;
            return new SqliteDatabase(options.DataDirectory, logger: provider.GetRequiredService<ILogger<SqliteDatabase>>());
        });
        services.AddOptions<PostgresStorageOptions>()
            .BindConfiguration(PostgresStorageOptions.SectionName)
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    options.ConnectionString = configuration.GetConnectionString(PostgresStorageOptions.ConnectionStringName);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageValidation>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PostgresStorageOptions>>().Value;
            return new PostgresDatabase(
                new PostgresDatabaseOptions { ConnectionString = options.ConnectionString!, Schema = options.Schema },
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<PostgresDatabase>>());
        });
        services.AddHostedService<PostgresStorageStartup>();
        services.AddSingleton<IDocumentStore>(provider => StorageOf(provider) switch
        {
            StorageProvider.Sqlite => new SqliteDocumentStore(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<TimeProvider>()),
            StorageProvider.Postgres => new PostgresDocumentStore(provider.GetRequiredService<PostgresDatabase>(), provider.GetRequiredService<TimeProvider>()),
            _ => new InMemoryDocumentStore(),
        });
        services.AddSingleton<IStreamStore>(provider => StorageOf(provider) switch
        {
            StorageProvider.Sqlite => new SqliteStreamStore(provider.GetRequiredService<SqliteDatabase>(), provider.GetRequiredService<TimeProvider>()),
            StorageProvider.Postgres => new PostgresStreamStore(provider.GetRequiredService<PostgresDatabase>(), provider.GetRequiredService<TimeProvider>()),
            _ => new InMemoryStreamStore(provider.GetRequiredService<TimeProvider>()),
        });
        services.AddSingleton<IStorageHealthCheck>(provider => StorageOf(provider) switch
        {
            StorageProvider.Sqlite => provider.GetRequiredService<SqliteDatabase>(),
            StorageProvider.Postgres => provider.GetRequiredService<PostgresDatabase>(),
            _ => new InMemoryStorageHealthCheck(),
        });
    }

    private static StorageProvider StorageOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<CaaBotOptions>>().Value.Storage;

    private static void AddCaaBotChannelAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(provider =>
            Metadata(provider.GetRequiredService<IOptions<ChannelAuthenticationSettings>>().Value.OpenIdMetadataUrl));
        services.AddKeyedSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(EmulatorMetadataKey, (provider, _) =>
            Metadata(provider.GetRequiredService<IOptions<ChannelAuthenticationSettings>>().Value.EmulatorOpenIdMetadataUrl));
        services.AddSingleton<IChannelTokenValidator>(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<ChannelAuthenticationSettings>>().Value;
            var credentials = provider.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            var emulator = settings.AllowEmulatorTokens && provider.GetRequiredService<IHostEnvironment>().IsDevelopment();
            if (settings.AllowEmulatorTokens && !emulator)
            {
                BotMessageLog.EmulatorTokensIgnored(provider.GetRequiredService<ILogger<ChannelRequestAuthenticator>>());
            }

            return new BotFrameworkTokenValidator(
                new ChannelAuthenticationOptions
                {
                    AppId = credentials.MicrosoftAppId ?? string.Empty,
                    ValidIssuers = settings.ValidIssuers,
                    AllowEmulatorTokens = emulator,
                    EmulatorIssuers = ChannelAuthenticationOptions.EmulatorIssuersFor(credentials.MicrosoftAppTenantId),
                    AllowedTenantIds = settings.AllowedTenants,
                },
                provider.GetRequiredService<IConfigurationManager<OpenIdConnectConfiguration>>(),
                provider.GetRequiredService<TimeProvider>(),
                emulator ? provider.GetRequiredKeyedService<IConfigurationManager<OpenIdConnectConfiguration>>(EmulatorMetadataKey) : null);
        });
        services.AddSingleton<ChannelRequestAuthenticator>();
    }

    /// <summary>Signing keys from an OpenID metadata document, refreshed daily (keys roll; the Bot Framework asks for at most 24 h).</summary>
    private static ConfigurationManager<OpenIdConnectConfiguration> Metadata(string metadataUrl) => new(
        metadataUrl,
        new OpenIdConnectConfigurationRetriever(),
        new HttpDocumentRetriever { RequireHttps = metadataUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) })
    {
        AutomaticRefreshInterval = TimeSpan.FromHours(24),
    };

    private static void AddCaaBotConnector(this IServiceCollection services)
    {
        // One pacer for the process: every send to a Teams thread waits its turn within the thread's rate limits.
        services.AddSingleton(provider => new ConversationSendPacer(provider.GetRequiredService<TimeProvider>()));
        services.AddHttpClient<ConnectorClient>();
        services.AddOptions<ConnectorClientOptions>().BindConfiguration("CaaBot:Connector").ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ConnectorClientOptions>>().Value);
        services.AddOptions<OutboundAuthenticationSettings>().BindConfiguration(OutboundAuthenticationSettings.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(MsalHttpClientFactory.ClientName);
        services.AddSingleton<IServiceUrlTrust>(provider => new StoredServiceUrlTrust(
            provider.GetRequiredService<IDocumentStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<OutboundAuthenticationSettings>>().Value.TrustLifetime));

        // With an app id every reply carries a token (secret, certificate or managed identity); without one the host
        // only talks to local tools, which take replies without a token.
        services.AddSingleton<IConnectorTokenProvider>(provider =>
        {
            var credentials = provider.GetRequiredService<IOptions<BotCredentialsOptions>>().Value;
            return credentials.HasAppId
                ? new MsalConnectorTokenProvider(
                    BotConnectorCredentialsFactory.Create(credentials, provider.GetRequiredService<IOptions<OutboundAuthenticationSettings>>().Value),
                    provider.GetRequiredService<IServiceUrlTrust>(),
                    new MsalHttpClientFactory(provider.GetRequiredService<IHttpClientFactory>()),
                    provider.GetRequiredService<ILogger<MsalConnectorTokenProvider>>())
                : AnonymousConnectorTokenProvider.Instance;
        });
    }

    private static void AddCaaBotConversations(this IServiceCollection services)
    {
        // The same employee (Entra object id) continues one troubleshooting case in Teams and in the web chat.
        // With a shared database, turns of one conversation are serialized across instances too (a lease in the store).
        services.AddSingleton(provider => new TurnProcessorOptions
        {
            UserStateKeys = new DirectoryUserStateKeyResolver(),
            CrossInstanceTurnLease = StorageOf(provider) == StorageProvider.Postgres
                ? provider.GetRequiredService<IOptions<PostgresStorageOptions>>().Value.TurnLease
                : null,
        });
        services.AddSingleton(provider => new ContinuationCodes(provider.GetRequiredService<IDocumentStore>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ITurnErrorHandler, TurnErrorHandler>();
        services.AddSingleton<TurnProcessor>();
    }
}
