using System.Globalization;
using System.Text.Json;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Hosting;
using CaaBot.Web.HelpdeskConsole.Authentication;
using CaaBot.Web.Hosting;

namespace CaaBot.Web.Commands;

/// <summary>
/// The <c>helpdesk</c> commands for admins: list the outbox (every delivery to an external helpdesk system, failed
/// ones first) and put a failed delivery back in the queue. Reads the same store and configuration as the host.
/// </summary>
public static class HelpdeskCommandLine
{
    public const int Success = 0;

    /// <summary><c>outbox</c> found failed deliveries (so scripts and monitoring can alert on the exit code).</summary>
    public const int FailedDeliveries = 1;

    public const int UsageError = 2;

    private const string Usage = """
        Usage: CaaBot.Web helpdesk <command> [--Section:Key=value ...]

        Commands:
          outbox [--json]                   Every delivery to an external helpdesk system, failed ones first:
                                            ticket, connector, state, attempts, external number, last error.
                                            Exits 1 when any delivery has failed.
          outbox retry <ticket> <connector> Put a failed delivery back in the queue (after fixing its cause).
          hash-password                     Read a password from stdin and print its hash for
                                            CaaBot:Helpdesk:Console:Accounts:N:PasswordHash.
          help                              Show this text.
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static Task<int?> TryRunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TryRunAsync(args, Console.Out, Console.Error, configureServices: null, cancellationToken);

    /// <param name="configureServices">Applied after the host's registrations, so tests can supply the store.</param>
    internal static async Task<int?> TryRunAsync(
        string[] args, TextWriter output, TextWriter error, Action<IServiceCollection>? configureServices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !string.Equals(args[0], "helpdesk", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var configurationArguments = args.Skip(1).Where(arg => arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal)).ToArray();
        var words = args.Skip(1).Except(configurationArguments).ToArray();
        switch (words)
        {
            case ["outbox"]:
                return await WithOutboxAsync(configurationArguments, configureServices, error, outbox => ListAsync(outbox, output, json: false, cancellationToken));
            case ["outbox", "--json"]:
                return await WithOutboxAsync(configurationArguments, configureServices, error, outbox => ListAsync(outbox, output, json: true, cancellationToken));
            case ["outbox", "retry", var number, var connector]:
                return await WithOutboxAsync(configurationArguments, configureServices, error, async outbox =>
                {
                    if (await outbox.RetryAsync(number.Trim().ToUpperInvariant(), connector.Trim(), cancellationToken))
                    {
                        await output.WriteLineAsync($"{number} to {connector}: queued again; a running host delivers it within {outbox.Options.WorkerInterval}.");
                        return Success;
                    }

                    await error.WriteLineAsync($"{number} to {connector}: no failed delivery with that ticket number and connector name.");
                    return UsageError;
                });
            case ["hash-password"]:
                return await HashPasswordCommand.RunAsync(Console.In, output, error, interactive: !Console.IsInputRedirected, cancellationToken);
            case ["help" or "--help" or "-h"]:
                await output.WriteLineAsync(Usage);
                return Success;
            default:
                await error.WriteLineAsync(words.Length > 0 ? $"Unknown helpdesk command: {string.Join(' ', words)}" : "Missing helpdesk command.");
                await error.WriteLineAsync(Usage);
                return UsageError;
        }
    }

    private static async Task<int> WithOutboxAsync(
        string[] configurationArguments, Action<IServiceCollection>? configureServices, TextWriter error, Func<HelpdeskOutbox, Task<int>> run)
    {
        var configuration = new ConfigurationManager();
        configuration.AddEnvironmentVariables("ASPNETCORE_");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = configurationArguments, Configuration = configuration });
        builder.Logging.ClearProviders();
        builder.Services.AddCaaBot(builder.Configuration);
        builder.Services.AddCaaBotHelpdesk();
        configureServices?.Invoke(builder.Services);
        using var host = builder.Build();
        HelpdeskOutbox outbox;
        try
        {
            outbox = host.Services.GetRequiredService<HelpdeskOutbox>();
        }
        catch (InvalidOperationException exception)
        {
            await error.WriteLineAsync(exception.Message);
            return UsageError;
        }

        return await run(outbox);
    }

    private static async Task<int> ListAsync(HelpdeskOutbox outbox, TextWriter output, bool json, CancellationToken cancellationToken)
    {
        var entries = (await outbox.ListAsync(cancellationToken))
            .OrderBy(entry => entry.State switch { OutboxEntryState.Failed => 0, OutboxEntryState.Pending => 1, _ => 2 })
            .ToList();
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(entries.Select(entry => entry with { TranscriptStream = null }), Json));
        }
        else
        {
            foreach (var entry in entries)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{entry.TicketNumber}  {entry.Connector,-12} {entry.State,-9} attempts {entry.Attempts,3}  {entry.External?.DisplayNumber ?? "-"}  {(entry.State == OutboxEntryState.Pending ? $"next {entry.NextAttemptAt:u}" : $"recorded {entry.RecordedAt:u}")}{(entry.LastError is { } last && entry.State != OutboxEntryState.Delivered ? "  " + last.ReplaceLineEndings(" ") : string.Empty)}"));
            }

            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"helpdesk outbox: {entries.Count} deliveries, {entries.Count(entry => entry.State == OutboxEntryState.Pending)} pending, {entries.Count(entry => entry.State == OutboxEntryState.Failed)} failed"));
        }

        return entries.Any(entry => entry.State == OutboxEntryState.Failed) ? FailedDeliveries : Success;
    }
}
