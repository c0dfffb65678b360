using CaaBot.LoadDriver.Http;
using CaaBot.Web.Tests.Support;

namespace CaaBot.Web.Tests.Bench;

/// <summary>
/// The HTTP load driver's scripted journey (bench/CaaBot.LoadDriver/Http, compiled into this project) still completes
/// against the real host, every reply checked as the benchmark checks it, so the benchmark cannot silently stop
/// exercising the real 0xCAA20003 journey when the bot changes. No timings are asserted.
/// </summary>
public sealed class LoadDriverJourneyTests
{
    [Fact]
    public async Task LoadDriverTroubleshootingJourney_AgainstTheHost_CompletesEveryTurn()
    {
        using var host = new CaaBotHost();
        var client = host.CreateClient();
        var conversation = new ExpectRepliesConversation(client, new Uri(client.BaseAddress!, "api/messages"), "load-driver-check", "load-driver-user");

        var turns = await conversation.RunAsync(HttpJourney.Troubleshooting, CancellationToken.None);

        Assert.Equal(HttpJourney.Troubleshooting.Turns.Count, turns.Length);
        Assert.Equal(7, turns.Length);
        host.Dispose();
        host.DeleteData();
    }
}
