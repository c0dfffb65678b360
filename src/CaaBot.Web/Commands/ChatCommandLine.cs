using CaaBot.Bot.Hosting;
using CaaBot.Conversations.Turns;
using CaaBot.Web.Configuration;
using CaaBot.Web.Hosting;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Commands;

/// <summary>
/// The <c>chat</c> command: talk to the real bot in a terminal, for playbook authors. Composes the same
/// services as the web host (bot, storage choice and data folder from configuration) but starts no server.
/// </summary>
public static class ChatCommandLine
{
    public const int Success = 0;
    public const int UsageError = 2;

    private const string Usage = """
        Usage: CaaBot.Web chat [--memory] [--conversation <id>] [--user <name>] [--Section:Key=value ...]

          --memory              keep the conversation in memory only (forgotten on exit)
          --conversation <id>   continue an earlier conversation (from the configured store)
          --user <name>         who you are to the bot (default: your OS user name)
          --Section:Key=value   configuration, as for the web host (e.g. --CaaBot:DataDirectory=/tmp/data)
        """;

    /// <summary>Runs the chat and returns its exit code, or null when <paramref name="args"/> is not a <c>chat</c> command.</summary>
    public static Task<int?> TryRunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TryRunAsync(
            args, Console.In, Console.Out, Console.Error,
            interactive: !Console.IsInputRedirected && !Console.IsOutputRedirected,
            configureServices: null,
            cancellationToken);

    /// <param name="configureServices">Applied after the host's own registrations, so tests can swap the bot or the clock.</param>
    internal static async Task<int?> TryRunAsync(
        string[] args,
        TextReader input,
        TextWriter output,
        TextWriter error,
        bool interactive,
        Action<IServiceCollection>? configureServices,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !string.Equals(args[0], "chat", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (args is [_, "help" or "--help" or "-h"])
        {
            await output.WriteLineAsync(Usage);
            return Success;
        }

        if (ChatOptions.Parse(args[1..], out var problem) is not { } options)
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        using var host = BuildHost(options, configureServices);
        await host.StartAsync(cancellationToken); // validates options and loads the playbooks, as the web host does
        try
        {
            var services = host.Services;
            var session = new ChatSession(
                services.GetRequiredService<TurnProcessor>(),
                services.GetRequiredService<IBot>(),
                services.GetRequiredService<TimeProvider>(),
                options,
                DescribeStorage(services.GetRequiredService<IOptions<CaaBotOptions>>().Value),
                input,
                output,
                interactive);
            return await session.RunAsync(cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static IHost BuildHost(ChatOptions options, Action<IServiceCollection>? configureServices)
    {
        // Like WebApplication.CreateBuilder: ASPNETCORE_ variables count too, so `dotnet run` picks the same environment.
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [.. options.ConfigurationArguments],
            Configuration = configuration,
        });
        if (options.InMemory)
        {
            builder.Configuration[$"{CaaBotOptions.SectionName}:{nameof(CaaBotOptions.Storage)}"] = nameof(StorageProvider.InMemory);
        }

        // The terminal belongs to the conversation: only warnings and errors are logged, to stderr, without colours.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => console.ColorBehavior = LoggerColorBehavior.Disabled);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton<IHostLifetime, ChatHostLifetime>();

        builder.Services.AddCaaBot(builder.Configuration);
        builder.Services.AddCaaBotSupportBot();
        configureServices?.Invoke(builder.Services);
        return builder.Build();
    }

    private static string DescribeStorage(CaaBotOptions options) => options.Storage switch
    {
        StorageProvider.Sqlite => $"SQLite in {Path.GetFullPath(options.DataDirectory)}",
        StorageProvider.Postgres => "PostgreSQL (CaaBot:Postgres)",
        _ => "in memory, forgotten on exit",
    };
}
