using System.Text.Json;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Sqlite;
using CaaBot.Web.Commands;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Web.Tests.Commands;

/// <summary><c>helpdesk outbox</c>: what an admin sees of deliveries to external systems, over the host's own SQLite store.</summary>
public sealed class HelpdeskCommandLineTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "caabot-helpdesk-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Outbox_FailedDelivery_ListedFirstWithItsErrorAndExitCode1_ThenRetryQueuesItAgain()
    {
        await SeedFailedDeliveryAsync();

        var (listed, listOutput, _) = await RunAsync("helpdesk", "outbox");
        var (retried, retryOutput, _) = await RunAsync("helpdesk", "outbox", "retry", "CAA-000001", "rt");
        var (again, json, _) = await RunAsync("helpdesk", "outbox", "--json");

        Assert.Equal(HelpdeskCommandLine.FailedDeliveries, listed);
        Assert.Matches(@"^CAA-000001  rt\s+Failed\s+attempts\s+1  -  recorded .*  Request Tracker answered 403 Forbidden", listOutput);
        Assert.Contains("helpdesk outbox: 1 deliveries, 0 pending, 1 failed", listOutput, StringComparison.Ordinal);
        Assert.Equal(HelpdeskCommandLine.Success, retried);
        Assert.Contains("queued again", retryOutput, StringComparison.Ordinal);
        Assert.Equal(HelpdeskCommandLine.Success, again);
        using var document = JsonDocument.Parse(json);
        var entry = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal("Pending", entry.GetProperty("state").GetString());
        Assert.Equal("CAA-000001", entry.GetProperty("ticketNumber").GetString());
    }

    [Fact]
    public async Task Outbox_UnknownCommandOrMisconfiguredConnector_UsageErrorWithTheReason()
    {
        var (unknown, _, unknownError) = await RunAsync("helpdesk", "frobnicate");
        var (misconfigured, _, misconfiguredError) = await RunAsync("helpdesk", "outbox", "--CaaBot:Helpdesk:Connectors:0:Type=RequestTracker");

        Assert.Equal(HelpdeskCommandLine.UsageError, unknown);
        Assert.Contains("Unknown helpdesk command: frobnicate", unknownError, StringComparison.Ordinal);
        Assert.Equal(HelpdeskCommandLine.UsageError, misconfigured);
        Assert.Contains("CaaBot:Helpdesk:Connectors:0: BaseUrl must be", misconfiguredError, StringComparison.Ordinal);
    }

    private async Task SeedFailedDeliveryAsync()
    {
        using var database = new SqliteDatabase(_data);
        var documents = new SqliteDocumentStore(database);
        var streams = new SqliteStreamStore(database);
        var queue = new BuiltInTicketQueue(documents, streams, TimeProvider.System, NullLogger<BuiltInTicketQueue>.Instance);
        var outbox = new HelpdeskOutbox(documents, streams, queue, new HelpdeskConnectors([new RefusingConnector()]), new OutboxOptions(), TimeProvider.System, NullLogger<HelpdeskOutbox>.Instance);
        await outbox.FileAsync(
            new TicketRequest { RequestId = "cli", Requester = new TicketRequester("msteams", "u", "Ada"), Device = "Windows PC", Group = "identity", Priority = "normal" },
            null,
            CancellationToken.None);
    }

    private async Task<(int? ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await HelpdeskCommandLine.TryRunAsync([.. args, $"--CaaBot:DataDirectory={_data}"], output, error, configureServices: null, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }

    private sealed class RefusingConnector : IHelpdeskConnector
    {
        public string Name => "rt";

        public Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken) => Task.FromResult<ExternalTicket?>(null);

        public Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken) =>
            throw new HelpdeskDeliveryException("Request Tracker answered 403 Forbidden to creating CAA-000001: No permission to create tickets in the queue 'General'", isPermanent: true);

        public Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken) => Task.FromResult<ExternalTicketStatus?>(null);
    }
}
