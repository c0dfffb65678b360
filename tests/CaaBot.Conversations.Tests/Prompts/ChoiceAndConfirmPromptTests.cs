using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;

namespace CaaBot.Conversations.Tests.Prompts;

public sealed class ChoiceAndConfirmPromptTests
{
    private static readonly PromptOptions WherePrompt = PromptOptions.FromText("Where does it happen?", "Please pick one of the options.") with
    {
        Choices =
        [
            new Choice("Windows", ["pc", "laptop"]),
            new Choice("Mac"),
            new Choice("Teams on the web", ["browser"]),
        ],
    };

    [Fact]
    public async Task ChoicePrompt_Prompt_ShowsChoicesAsSuggestedActions()
    {
        await ChoiceFlow()
            .Send("hi").AssertSuggestedActions("Windows", "Mac", "Teams on the web")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("2", "Mac")]
    [InlineData("mac", "Mac")]
    [InlineData("  TEAMS ON THE   WEB ", "Teams on the web")]
    [InlineData("teamsontheweb", "Teams on the web")]
    [InlineData("Laptop", "Windows")]
    [InlineData("browser!", "Teams on the web")]
    public async Task ChoicePrompt_RecognisesNumberTitleAndSynonyms(string answer, string expected)
    {
        await ChoiceFlow()
            .Send("hi").AssertReply("Where does it happen?")
            .Send(answer).AssertReply($"got: {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task ChoicePrompt_UnknownAnswer_RetriesWithTheChoicesStillShown()
    {
        await ChoiceFlow()
            .Send("hi").AssertReply("Where does it happen?")
            .Send("4").AssertSuggestedActions("Windows", "Mac", "Teams on the web")
            .Send("linux").AssertReply("Please pick one of the options.")
            .Send("1").AssertReply("got: Windows")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("yes", "True")]
    [InlineData("Yep!", "True")]
    [InlineData("sure thing", "True")]
    [InlineData("OK", "True")]
    [InlineData("👍", "True")]
    [InlineData("no", "False")]
    [InlineData("Nope.", "False")]
    [InlineData("not really", "False")]
    [InlineData("still broken", "False")]
    public async Task ConfirmPrompt_UnderstandsInformalAnswers(string answer, string expected)
    {
        await ConfirmFlow()
            .Send("hi").AssertSuggestedActions("Yes", "No")
            .Send(answer).AssertReply($"got: {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task ConfirmPrompt_Unclear_AsksAgainThenGivesUp()
    {
        await ConfirmFlow()
            .Send("hi").AssertReply("Can you sign in to Teams now?")
            .Send("maybe").AssertReply("Can you sign in to Teams now?")
            .Send("perhaps").AssertReply("Can you sign in to Teams now?")
            .Send("who knows").AssertReply("gave up after 3")
            .StartTestAsync();
    }

    private static TestFlow ChoiceFlow() =>
        new(new TestAdapter(), new DialogBot(new PromptHarness<FoundChoice>(new ChoicePrompt("where"), WherePrompt, choice => choice.Value)));

    private static TestFlow ConfirmFlow() =>
        new(new TestAdapter(), new DialogBot(new PromptHarness<bool>(new ConfirmPrompt("fixed"), PromptOptions.FromText("Can you sign in to Teams now?"))));
}
