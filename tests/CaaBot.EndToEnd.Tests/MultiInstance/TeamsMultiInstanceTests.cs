using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CaaBot.Bot.Dialogs;
using CaaBot.EndToEnd.Tests.Infrastructure;
using CaaBot.Protocol.Schema;

namespace CaaBot.EndToEnd.Tests.MultiInstance;

/// <summary>
/// Teams-shaped traffic (<c>/api/messages</c>, channel <c>msteams</c>) against two bot processes sharing one
/// PostgreSQL: through the round-robin proxy, turn after turn lands on the other instance; two turns of one
/// conversation racing on both instances lose nothing; a resume code issued by one instance works on the other.
/// </summary>
[Collection(MultiInstanceCollection.Name)]
public sealed partial class TeamsMultiInstanceTests(MultiInstanceFixture fixture)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Conversation_TurnsAlternateBetweenInstances_EachReplyContinuesTheConversation()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var proxy = new HttpClient { BaseAddress = fixture.Proxy.Address };
        var before = fixture.Proxy.Requests.Count;
        string[] says = ["hi", TriageDialog.NoCodeChoice, "teams keeps asking for my password"];
        string[] expected = [TriageDialog.GreetingPrompt, TriageDialog.AskSymptomPrompt, TriageDialog.AskPlatformPrompt];

        for (var turn = 0; turn < says.Length; turn++)
        {
            var activity = TeamsTraffic.Message(fixture.Connector.ServiceUrl, "teams-round-robin", "user-rr", says[turn]);
            using (var response = await TeamsTraffic.PostAsync(proxy, activity, timeout.Token))
            {
                Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}{Environment.NewLine}{fixture.DescribeHosts()}");
            }

            // Replies go to the Connector, as in Teams: the instance that ran the turn posts them there.
            var reply = await Poll.UntilAsync(
                _ => Task.FromResult(fixture.Connector.Sent.LastOrDefault(sent => sent.ReplyToId == activity.Id && sent.Type == ActivityTypes.Message)),
                ReplyTimeout,
                () => $"No reply to '{says[turn]}' reached the Connector.{Environment.NewLine}{fixture.DescribeHosts()}",
                timeout.Token);
            Assert.Equal(expected[turn], reply.Text);
        }

        var served = fixture.Proxy.Requests.Skip(before).Where(request => request.Path == "/api/messages").Select(request => request.Instance).ToList();
        Assert.Equal(says.Length, served.Count);
        Assert.All(served.Zip(served.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task RacingTurns_OneConversationOnBothInstancesAtOnce_EveryFileSharedIsKept()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var one = new HttpClient { BaseAddress = fixture.Instances[MultiInstanceFixture.FirstInstance] };
        using var two = new HttpClient { BaseAddress = fixture.Instances[MultiInstanceFixture.SecondInstance] };
        var serviceUrl = fixture.Connector.ServiceUrl;
        var started = await TeamsTraffic.ExchangeAsync(one, TeamsTraffic.Message(serviceUrl, "race", "user-race", "0xCAA20004 on windows"), timeout.Token);
        Assert.Contains("Step 1 of", TeamsTraffic.Render(started), StringComparison.Ordinal);

        // Each round, both instances run a turn of the same conversation at the same moment, each adding a file to the
        // case: the loser of the state write re-runs its turn on the winner's state (ETag), so neither file is lost.
        var names = new List<string>();
        for (var round = 1; round <= 4; round++)
        {
            // Short names: the summary card lists them in one field of at most 100 characters.
            var pair = new[] { (Client: one, Name: $"q{round}one"), (Client: two, Name: $"q{round}two") };
            names.AddRange(pair.Select(p => p.Name));
            var turns = pair.Select(p => Task.Run(
                () => TeamsTraffic.ExchangeAsync(
                    p.Client,
                    TeamsTraffic.Message(serviceUrl, "race", "user-race", string.Empty, attachments:
                    [
                        new Attachment { ContentType = "image/png", ContentUrl = $"https://files.example.test/{p.Name}.png", Name = $"{p.Name}.png" },
                    ]),
                    timeout.Token),
                timeout.Token));
            var replies = await Task.WhenAll(turns);
            Assert.All(replies, reply => Assert.Contains("Thanks, I've kept", TeamsTraffic.Render(reply), StringComparison.Ordinal));
        }

        var summary = TeamsTraffic.Render(await TeamsTraffic.ExchangeAsync(two, TeamsTraffic.Message(serviceUrl, "race", "user-race", "agent"), timeout.Token));

        // The case in the shared store holds every link, and the summary card names every file.
        foreach (var name in names)
        {
            var holding = await fixture.Postgres.ScalarAsync(
                $"SELECT count(*) FROM caabot.documents WHERE position(convert_to('https://files.example.test/{name}.png', 'UTF8') in content) > 0;",
                timeout.Token);
            Assert.True(holding is long count && count > 0, $"No stored document holds the link to {name}.png");
        }

        Assert.All(names, name => Assert.True(summary.Contains(name, StringComparison.Ordinal), summary));
    }

    [Fact]
    public async Task ResumeCode_IssuedByOneInstance_IsRedeemedOnTheOtherOnce()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var one = new HttpClient { BaseAddress = fixture.Instances[MultiInstanceFixture.FirstInstance] };
        using var two = new HttpClient { BaseAddress = fixture.Instances[MultiInstanceFixture.SecondInstance] };
        var serviceUrl = fixture.Connector.ServiceUrl;
        await TeamsTraffic.ExchangeAsync(one, TeamsTraffic.Message(serviceUrl, "resume-teams", "user-resume", "0xCAA20004 on windows"), timeout.Token);
        var issued = TeamsTraffic.Render(await TeamsTraffic.ExchangeAsync(one, TeamsTraffic.Message(serviceUrl, "resume-teams", "user-resume", "resume code"), timeout.Token));
        var code = CodeInMessage().Match(issued);
        Assert.True(code.Success, issued);

        var redeemed = await TeamsTraffic.ExchangeAsync(two, TeamsTraffic.Message(serviceUrl, "resume-phone", "user-on-phone", code.Groups["code"].Value), timeout.Token);

        Assert.Contains(redeemed, reply => reply.Text == SupportInterruptions.CodeRedeemedMessage);
        Assert.Contains("Step 1 of", TeamsTraffic.Render(redeemed), StringComparison.Ordinal);
        var again = await TeamsTraffic.ExchangeAsync(one, TeamsTraffic.Message(serviceUrl, "resume-third", "user-third", code.Groups["code"].Value), timeout.Token);
        Assert.Contains(again, reply => reply.Text == SupportInterruptions.CodeNotValidMessage);
    }

    [Fact]
    public async Task Readiness_BothInstances_AnswerReadyOnPostgres()
    {
        foreach (var (name, address) in fixture.Instances)
        {
            using var client = new HttpClient { BaseAddress = address };
            using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, string.Create(CultureInfo.InvariantCulture, $"{name}: {response.StatusCode}"));
        }
    }

    [GeneratedRegex(@"\*\*(?<code>[B-Z2-9]{4}-[B-Z2-9]{4})\*\*")]
    private static partial Regex CodeInMessage();
}
