using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Tickets;
using CaaBot.LoadDriver.Http;
using CaaBot.Storage.Abstractions;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CaaBot.Web.Tests.Incidents;

/// <summary>
/// The outage: 2,000 people report the same code within one minute of (simulated) time and go straight to a person,
/// through the real host over HTTP <c>/api/messages</c> (expectReplies, the load driver's client), 32 at a time, with
/// SQLite and a webhook helpdesk system. Exactly one incident ticket reaches the helpdesk system, everyone is linked to
/// it, everyone past the threshold is told the helpdesk already knows, every case is stored, and no turn fails. When the
/// incident ticket is resolved, all 2,000 are told once, through the Connector. No timings are asserted.
/// </summary>
public sealed class OutageSimulationTests(ITestOutputHelper output)
{
    private const int People = 2_000;
    private const int Threshold = 10;
    private const int Concurrency = 32;
    private const string HelpdeskHook = "https://helpdesk.example/caabot";

    [Fact]
    public async Task TwoThousandPeopleWithOneCode_OneIncidentTicketEveryoneLinkedAndTold()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        var helpdesk = new RecordingConnector();
        using var host = new CaaBotHost(
            settings: new Dictionary<string, string?>
            {
                ["CaaBot:Helpdesk:Incidents:Threshold"] = Threshold.ToString(CultureInfo.InvariantCulture),
                ["CaaBot:Helpdesk:Incidents:Window"] = "00:10:00",
                ["CaaBot:Helpdesk:Connectors:0:Type"] = "Webhook",
                ["CaaBot:Helpdesk:Connectors:0:Name"] = "burst",
                ["CaaBot:Helpdesk:Connectors:0:Url"] = HelpdeskHook,
                ["CaaBot:Helpdesk:Connectors:0:Secret"] = "outage-simulation-secret-0123456789abcdef",
            },
            overrides: services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddHttpClient("caabot-helpdesk-burst").ConfigurePrimaryHttpMessageHandler(() => helpdesk);
            });
        var client = host.CreateClient();
        var messages = new Uri(client.BaseAddress!, "api/messages");
        var told = new ConcurrentDictionary<int, string>();
        var failures = new ConcurrentQueue<string>();

        await Parallel.ForAsync(0, People, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (person, token) =>
        {
            // 30 ms of simulated time per person: all 2,000 report within one minute, well inside the 10-minute window.
            clock.Advance(TimeSpan.FromMilliseconds(30));
            var conversation = new ExpectRepliesConversation(client, messages, $"outage-{person}", $"outage-user-{person}");
            try
            {
                IReadOnlyList<JsonElement> replies = [];
                foreach (var turn in OutageJourney.Escalation.Turns)
                {
                    (replies, _) = await conversation.SendAsync(turn, replies, token);
                }

                told[person] = string.Join("\n", replies.Select(reply => reply.TryGetProperty("text", out var text) ? text.GetString() : null));
            }
            catch (JourneyCheckException exception)
            {
                failures.Enqueue($"person {person}: {exception.Message}");
            }
        });

        Assert.Empty(failures);
        Assert.Equal(People, told.Count);
        var ownTickets = told.Where(answer => answer.Value.Contains(OutageJourney.OwnTicketText, StringComparison.Ordinal)).Select(answer => answer.Key).ToList();
        var joined = told.Where(answer => answer.Value.Contains(OutageJourney.AlreadyKnowsText, StringComparison.Ordinal)).Select(answer => answer.Key).ToList();
        Assert.Equal(People, ownTickets.Count + joined.Count);
        // The first nine always get their own; a few more may, while the incident is being opened by someone else.
        Assert.InRange(ownTickets.Count, Threshold - 1, Threshold - 1 + Concurrency);

        // Exactly one incident ticket reached the helpdesk system, besides the tickets of those before the threshold.
        var delivered = helpdesk.Requests.Select(request => JsonDocument.Parse(request.Body!).RootElement.GetProperty("ticket")).ToList();
        var incidentTicket = Assert.Single(delivered, ticket => ticket.GetProperty("priority").GetString() == "high");
        var number = incidentTicket.GetProperty("number").GetString()!;
        Assert.Equal(ownTickets.Count + 1, delivered.Count);
        Assert.Equal(delivered.Count, delivered.Select(ticket => ticket.GetProperty("number").GetString()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(joined, person => Assert.Contains("**" + number.Replace("-", "\\-", StringComparison.Ordinal) + "**", told[person], StringComparison.Ordinal));

        // Everyone is linked to the incident, those with tickets of their own too.
        var incident = Assert.IsType<Incident>(await host.Services.GetRequiredService<IncidentRecords>().ReadAsync(number, CancellationToken.None));
        Assert.True(incident.IsOpen);
        Assert.Equal(People, incident.Affected.Count);
        Assert.Equal(joined.Count, incident.Affected.Count(person => person.Joined));
        Assert.All(incident.Affected, person => Assert.NotNull(person.Conversation?.Conversation?.Id));

        // No conversation lost: every case is stored, closed, with the number the person was told.
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var queue = host.Services.GetRequiredService<BuiltInTicketQueue>();
        for (var person = 0; person < People; person++)
        {
            var stored = await store.ReadAsync($"user/emulator/outage-user-{person}", CancellationToken.None);
            Assert.NotNull(stored);
            using var state = JsonDocument.Parse(stored.Content);
            var supportCase = SupportCases.FromPayload(Encoding(state.RootElement.GetProperty("properties").GetProperty("supportCase")));
            Assert.Equal(CaseStatus.Closed, supportCase?.Status);
            var ticketNumber = supportCase!.TicketNumber!;
            var shown = joined.Contains(person) ? ticketNumber.Replace("-", "\\-", StringComparison.Ordinal) : ticketNumber; // the incident message escapes it
            Assert.Contains("**" + shown + "**", told[person], StringComparison.Ordinal);
            Assert.Equal(joined.Contains(person), ticketNumber == number);
        }

        output.WriteLine($"{People} people: {ownTickets.Count} tickets of their own before the incident, {joined.Count} joined incident {number}");
        Assert.Equal(ownTickets.Count + 1, (await queue.ListRecentAsync(BuiltInTicketQueue.MaxListCount, CancellationToken.None)).Count);

        // The helpdesk resolves the incident ticket (as a status poll or a signed push reports it): everyone hears, once, through the Connector.
        var resolved = new TicketUpdate(
            (await queue.FindAsync(number, CancellationToken.None))!, TicketUpdateKind.StatusChanged, null, new ExternalTicketStatus(TicketStatus.Resolved, "resolved", null));
        var updates = host.Services.GetRequiredService<ITicketUpdates>();
        await updates.PublishAsync(resolved, CancellationToken.None);
        await updates.PublishAsync(resolved, CancellationToken.None);
        await WaitUntilAsync(() => FixedNewsCount(host) >= People);
        var toldFixed = host.Connector.Requests.Where(IsFixedNews).Select(request => request.Uri.AbsolutePath).ToList();
        Assert.Equal(People, toldFixed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(People, toldFixed.Count);
        host.Dispose();
        host.DeleteData();
    }

    private static bool IsFixedNews(RecordedRequest request) => request.Body?.Contains("the helpdesk has fixed the wider problem", StringComparison.Ordinal) == true;

    private static int FixedNewsCount(CaaBotHost host) => host.Connector.Requests.Count(IsFixedNews);

    /// <summary>The scheduled turns run on the host's worker; waits for them (a generous bound, nothing about speed is asserted).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(50))
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The condition did not become true within 60 s.");
    }

    private static byte[] Encoding(JsonElement element) => System.Text.Encoding.UTF8.GetBytes(element.GetRawText());
}
