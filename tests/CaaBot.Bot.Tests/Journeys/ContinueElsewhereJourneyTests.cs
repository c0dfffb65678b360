using System.Text.RegularExpressions;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Continuation;
using CaaBot.Conversations.Testing;
using CaaBot.Knowledge.Playbooks;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// The troubleshooting follows the person, not the browser tab: the same Entra identity on Teams and on the web chat
/// continues one case, and anyone can carry their case to another device with a short single-use code.
/// </summary>
public sealed partial class ContinueElsewhereJourneyTests
{
    private static readonly TestAdapterOptions Teams = new() { ChannelId = "msteams", UserId = "29:teams-user", ConversationId = "a:teams-chat" };
    private static readonly TestAdapterOptions AnonymousWebChat = new() { ChannelId = "directline", UserId = "dl_7f3a", ConversationId = "web-1" };

    [Fact]
    public async Task Continue_CodeFromTeamsTypedInTheWebChat_ContinuesAtTheSameStep()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        string? code = null;
        await bot.FlowOn(Teams)
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step").AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .Send("resume code")
            .AssertReply(reply =>
            {
                var match = CodeInMessage().Match(reply.Text!);
                Assert.True(match.Success, reply.Text);
                Assert.Contains("within 15 minutes", reply.Text, StringComparison.Ordinal);
                code = match.Groups["code"].Value;
            })
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .StartTestAsync();

        await bot.FlowOn(AnonymousWebChat)
            .AdvanceClock(TimeSpan.FromMinutes(10))
            .Send(code!.ToLowerInvariant())
            .AssertReply(SupportInterruptions.CodeRedeemedMessage)
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .SubmitLatestCard(actionTitle: "Still broken, next step")
            .AssertReply(UpdateContaining("still broken"))
            .AssertCard(Step(3, steps.Count, steps[2].Title))
            .StartTestAsync();

        var carried = await bot.StoredCaseAsync("user/directline/dl_7f3a");
        Assert.Equal("0xCAA20004", carried?.ErrorCode);
        Assert.Equal(2, carried?.Steps.Count); // step 1 answered in Teams, step 2 in the web chat

        // Single use: the same code from a third device is refused.
        await bot.FlowOn(AnonymousWebChat with { UserId = "dl_other", ConversationId = "web-2" })
            .Send(code)
            .AssertReply(SupportInterruptions.CodeNotValidMessage)
            .StartTestAsync();
    }

    [Fact]
    public async Task Continue_CodeAfterItsLifetime_IsRefused()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        string? code = null;
        await bot.FlowOn(Teams)
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("continue on another device")
            .AssertReply(reply => code = CodeInMessage().Match(reply.Text!).Groups["code"].Value)
            .AssertCard()
            .StartTestAsync();

        await bot.FlowOn(AnonymousWebChat)
            .AdvanceClock(TimeSpan.FromMinutes(16))
            .Send($"resume {code}")
            .AssertReply(SupportInterruptions.CodeNotValidMessage)
            .StartTestAsync();
    }

    [Fact]
    public async Task Continue_OnePersonsWrongCodes_PauseOnlyThemNotTheOwnerOfTheCode()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var code = await IssueCodeOnTeamsAsync(bot);

        var guessing = bot.FlowOn(AnonymousWebChat with { UserId = "attacker", ConversationId = "guess" });
        for (var i = 0; i < 5; i++)
        {
            guessing = guessing.Send(WellShapedGuess(i)).AssertReply(SupportInterruptions.CodeNotValidMessage);
        }

        await guessing
            .Send(code)
            .AssertReply(SupportInterruptions.CodeThrottledMessage)
            .StartTestAsync();
        await bot.FlowOn(AnonymousWebChat)
            .Send(code)
            .AssertReply(SupportInterruptions.CodeRedeemedMessage)
            .StartTestAsync();
    }

    [Fact]
    public async Task Continue_ManyPeoplesWrongCodes_PauseRedemptionsForEveryoneUntilTheWindowPasses()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var code = await IssueCodeOnTeamsAsync(bot);

        for (var person = 0; person < 6; person++)
        {
            var guessing = bot.FlowOn(AnonymousWebChat with { UserId = $"guesser-{person}", ConversationId = $"guess-{person}" });
            for (var i = 0; i < 5; i++)
            {
                guessing = guessing.Send(WellShapedGuess((person * 5) + i)).AssertReply(SupportInterruptions.CodeNotValidMessage);
            }

            await guessing.StartTestAsync();
        }

        await bot.FlowOn(AnonymousWebChat)
            .Send(code)
            .AssertReply(SupportInterruptions.CodeThrottledMessage)
            .AdvanceClock(TimeSpan.FromMinutes(2))
            .Send(code)
            .AssertReply(SupportInterruptions.CodeRedeemedMessage)
            .StartTestAsync();
    }

    private static async Task<string> IssueCodeOnTeamsAsync(SupportBotHarness bot)
    {
        string? code = null;
        await bot.FlowOn(Teams)
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval").AssertCard()
            .Send("resume code")
            .AssertReply(reply => code = CodeInMessage().Match(reply.Text!).Groups["code"].Value)
            .AssertCard()
            .StartTestAsync();
        return code!;
    }

    /// <summary>Only the code alphabet, so each guess really is tried as a code (0 and 1 are not in it).</summary>
    private static string WellShapedGuess(int i) =>
        $"BCDF-GH{ContinuationCodes.Alphabet[i / ContinuationCodes.Alphabet.Length]}{ContinuationCodes.Alphabet[i % ContinuationCodes.Alphabet.Length]}";

    [Fact]
    public async Task Continue_NothingInProgress_SaysSoInsteadOfIssuingACode()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.FlowOn(Teams)
            .Send("resume code")
            .AssertReply(SupportInterruptions.NothingToContinueMessage)
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Continue_SameEntraIdentityOnTeamsAndWebChat_OffersToResumeWithoutACode()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        const string objectId = "5f1c2a9e-8d3b-4b6f-9a51-0c7e2d4b8a10";
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.FlowOn(Teams with { UserAadObjectId = objectId })
            .Send("0xCAA20004 on windows").AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .SubmitLatestCard(actionTitle: "Skip").AssertReply(UpdateContaining("skipped"))
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .StartTestAsync();

        await bot.FlowOn(AnonymousWebChat with { UserId = "aad:intranet-user", UserAadObjectId = objectId.ToUpperInvariant() })
            .Send("hi")
            .AssertReply(reply => Assert.StartsWith($"Welcome back. Last time we got to step 2 of {steps.Count}", reply.Text, StringComparison.Ordinal))
            .Send("yes")
            .AssertCard(Step(2, steps.Count, steps[1].Title))
            .StartTestAsync();

        Assert.Equal("0xCAA20004", (await bot.StoredCaseAsync($"user/aad/{objectId}"))?.ErrorCode);
    }

    [GeneratedRegex(@"\*\*(?<code>[B-Z2-9]{4}-[B-Z2-9]{4})\*\*")]
    private static partial Regex CodeInMessage();
}
