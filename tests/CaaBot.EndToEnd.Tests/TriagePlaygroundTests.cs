using CaaBot.Bot;
using CaaBot.Bot.Dialogs;
using CaaBot.EndToEnd.Tests.Playground;

namespace CaaBot.EndToEnd.Tests;

/// <summary>
/// The start of triage in a Teams-shaped chat, through the Microsoft 365 Agents Playground: its
/// activities reach the real host, and every reply the host posts to the Playground's connector shows up there.
/// </summary>
public sealed class TriagePlaygroundTests(AgentsPlaygroundFixture fixture) : IClassFixture<AgentsPlaygroundFixture>
{
    // Generous: the first turn of a fresh process pays for JIT and for creating the SQLite database.
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Playground_Triage_RepliesArriveInPlayground()
    {
        var playground = fixture.Playground;

        // Opening the chat installs the bot: installationUpdate, then conversationUpdate with the user added.
        await playground.InstallBotAsync(CancellationToken.None);
        await ExpectBotSaysAsync(SupportBot.Welcome);

        await playground.SendTextAsync("hi", CancellationToken.None);
        await ExpectBotSaysAsync(TriageDialog.GreetingPrompt);

        await playground.SendTextAsync(TriageDialog.NoCodeChoice, CancellationToken.None);
        await ExpectBotSaysAsync(TriageDialog.AskSymptomPrompt);

        await playground.SendTextAsync("teams keeps asking for my password", CancellationToken.None);
        await ExpectBotSaysAsync(TriageDialog.AskPlatformPrompt);
    }

    private async Task ExpectBotSaysAsync(string expected)
    {
        PlaygroundMessage message;
        try
        {
            message = await fixture.Playground.NextBotMessageAsync(ReplyTimeout, CancellationToken.None);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"Waiting for \"{expected}\": {timeout.Message}{Environment.NewLine}{fixture.DescribeProcesses()}", timeout);
        }

        Assert.True(
            message.Text == expected,
            $"Expected the bot to say:{Environment.NewLine}  {expected}{Environment.NewLine}but the Playground showed:{Environment.NewLine}  {message.Text}"
            + $"{Environment.NewLine}Stream so far:{Environment.NewLine}{fixture.Playground.DescribeReceived()}{Environment.NewLine}{fixture.DescribeProcesses()}");
    }
}
