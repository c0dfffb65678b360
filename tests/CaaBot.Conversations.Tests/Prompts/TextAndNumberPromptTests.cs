using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;

namespace CaaBot.Conversations.Tests.Prompts;

public sealed class TextAndNumberPromptTests
{
    [Fact]
    public async Task TextPrompt_Answer_IsTrimmed()
    {
        await Flow(new TextPrompt("name"), PromptOptions.FromText("Name?"))
            .Send("hi").AssertReply("Name?")
            .Send("   Ada Lovelace  ").AssertReply("got: Ada Lovelace")
            .StartTestAsync();
    }

    [Fact]
    public async Task TextPrompt_CardSubmitInsteadOfText_IsRetried()
    {
        await Flow(new TextPrompt("name"), PromptOptions.FromText("Name?", "Please type your name."))
            .Send("hi").AssertReply("Name?")
            .SendCardSubmit(new { action = "next" }).AssertReply("Please type your name.")
            .Send("Ada").AssertReply("got: Ada")
            .StartTestAsync();
    }

    [Fact]
    public async Task TextPrompt_ValidatorRejects_ToldWhyAndAskedAgain()
    {
        await Flow(new TextPrompt("code", MustLookLikeAnErrorCode), PromptOptions.FromText("Error code?"))
            .Send("hi").AssertReply("Error code?")
            .Send("it's broken").AssertReply("That doesn't look like an error code; they start with 0x or AADSTS.")
            .Send("0xCAA20003").AssertReply("got: 0xCAA20003")
            .StartTestAsync();
    }

    [Fact]
    public async Task TextPrompt_MaxAttemptsReached_GivesUpWithTypedOutcome()
    {
        await Flow(new TextPrompt("code", MustLookLikeAnErrorCode, maxAttempts: 2), PromptOptions.FromText("Error code?"))
            .Send("hi").AssertReply("Error code?")
            .Send("no").AssertReplyContains("doesn't look like an error code")
            .Send("dunno").AssertReply("gave up after 2")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Theory]
    [InlineData("3", "3")]
    [InlineData("about 12 devices", "12")]
    [InlineData("three", "3")]
    [InlineData("I use Two", "2")]
    public async Task NumberPrompt_Int_RecognisesDigitsAndWords(string answer, string expected)
    {
        await Flow(new NumberPrompt<int>("count"), PromptOptions.FromText("How many devices?"))
            .Send("hi").AssertReply("How many devices?")
            .Send(answer).AssertReply($"got: {expected}")
            .StartTestAsync();
    }

    [Fact]
    public async Task NumberPrompt_Int_FractionIsNotAnInt()
    {
        await Flow(new NumberPrompt<int>("count"), PromptOptions.FromText("How many devices?", "A whole number, please."))
            .Send("hi").AssertReply("How many devices?")
            .Send("2.5").AssertReply("A whole number, please.")
            .Send("2").AssertReply("got: 2")
            .StartTestAsync();
    }

    [Fact]
    public async Task NumberPrompt_Decimal_KeepsTheFraction()
    {
        await Flow(new NumberPrompt<decimal>("hours"), PromptOptions.FromText("How many hours?"))
            .Send("hi").AssertReply("How many hours?")
            .Send("1.5 hours").AssertReply("got: 1.5")
            .StartTestAsync();
    }

    [Fact]
    public async Task NumberPrompt_OutOfRange_ValidatorReasonThenGaveUp()
    {
        await Flow(new NumberPrompt<int>("count", OnboardingDialog.ValidateDeviceCount, maxAttempts: 3), PromptOptions.FromText("How many devices?"))
            .Send("hi").AssertReply("How many devices?")
            .Send("0").AssertReply("Please give a number of devices between 1 and 20.")
            .Send("400").AssertReply("Please give a number of devices between 1 and 20.")
            .Send("many").AssertReply("gave up after 3")
            .StartTestAsync();
    }

    [Fact]
    public async Task Prompt_NonMessageActivityWhileWaiting_IsIgnored()
    {
        await Flow(new NumberPrompt<int>("count"), PromptOptions.FromText("How many devices?"))
            .Send("hi").AssertReply("How many devices?")
            .SendConversationUpdate().AssertNoReply()
            .Send("1").AssertReply("got: 1")
            .StartTestAsync();
    }

    private static PromptValidation MustLookLikeAnErrorCode(string text) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.StartsWith("AADSTS", StringComparison.OrdinalIgnoreCase)
            ? PromptValidation.Valid
            : PromptValidation.Invalid("That doesn't look like an error code; they start with 0x or AADSTS.");

    private static TestFlow Flow<T>(Prompt<T> prompt, PromptOptions options) =>
        new(new TestAdapter(), new DialogBot(new PromptHarness<T>(prompt, options)));
}
