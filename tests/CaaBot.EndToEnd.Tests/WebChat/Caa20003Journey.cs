using System.Text.RegularExpressions;
using CaaBot.Bot.Dialogs;
using CaaBot.Knowledge.Playbooks;
using Microsoft.Playwright;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>The moves of the 0xCAA20003 journey in Web Chat that several tests make, each checking what the user sees.</summary>
internal static class Caa20003Journey
{
    public const string FirstMessage = "Teams shows 0xCAA20003 when I sign in";

    /// <summary>From the welcome to step 1: the code typed in a sentence, "where" by a click, "this PC?" typed, the clock check.</summary>
    public static async Task<ILocator> TriageToStep1Async(SupportChat chat, IReadOnlyList<PlaybookStep> steps, CancellationToken cancellationToken)
    {
        await chat.SendAsync(FirstMessage, cancellationToken);
        await chat.WaitForBotMessageAsync(TriageDialog.AskWhereErrorShowsPrompt, cancellationToken);
        await chat.ClickSuggestedActionAsync("Windows PC", cancellationToken);
        await chat.WaitForBotMessageAsync(TriageDialog.AskAffectedDevicePrompt, cancellationToken);
        await chat.SendAsync("yes", cancellationToken);
        // Web Chat sends the PC's local time with every message, so the bot compares that clock with its own.
        await chat.WaitForBotMessageAsync("clock looks right", cancellationToken);
        // The guide's introduction comes in the same turn as step 1 and may render just after the card (Web Chat then
        // sorts it in by timestamp): wait for both, so the card's position in the transcript is settled.
        await chat.WaitForBotMessageAsync("Let's fix it one step at a time", cancellationToken);
        return await chat.WaitForOpenCardAsync(StepCard(1, steps), cancellationToken);
    }

    /// <summary>
    /// Clicks <paramref name="button"/> on step <paramref name="number"/>'s card, checks that the card is replaced in
    /// place (same position in the transcript, no copy left with buttons) by a record with <paramref name="outcome"/>,
    /// and returns the card that follows: the next step, or the fix confirmation.
    /// </summary>
    public static async Task<ILocator> AnswerStepAsync(
        SupportChat chat, ILocator card, int number, IReadOnlyList<PlaybookStep> steps, string button, string outcome, CancellationToken cancellationToken,
        TimeSpan? patience = null)
    {
        var position = await chat.PositionInTranscriptAsync(card);
        Assert.True(position >= 0, $"step {number}'s card is not in the transcript.{Environment.NewLine}{await chat.DescribeAsync()}");
        await chat.ClickCardButtonAsync(card, button, cancellationToken);

        var next = await chat.WaitForOpenCardAsync(outcome.Contains("fixed", StringComparison.Ordinal) ? ConfirmCard : StepCard(number + 1, steps), cancellationToken, patience);
        var record = chat.Cards(new Regex($"Step {number} of {steps.Count} · {Regex.Escape(steps[number - 1].Title)} — {Regex.Escape(outcome)}"));
        await chat.UntilAsync(async () => await record.CountAsync() == 1, $"step {number}'s card to become the record \"… — {outcome}\"", SupportChat.Patience, cancellationToken);
        var context = await chat.DescribeAsync();
        Assert.True(await record.Locator(SupportChat.CardButtons).CountAsync() == 0, $"the record of step {number} has buttons.{Environment.NewLine}{context}");
        Assert.True(await chat.OpenCards(StepCard(number, steps)).CountAsync() == 0, $"step {number}'s card is still there with buttons.{Environment.NewLine}{context}");
        Assert.True(await chat.PositionInTranscriptAsync(record) == position, $"the record of step {number} is not where its card was (position {position}).{Environment.NewLine}{context}");
        return next;
    }

    public static Regex StepCard(int number, IReadOnlyList<PlaybookStep> steps) =>
        new($"Step {number} of {steps.Count}.*{Regex.Escape(steps[number - 1].Title)}", RegexOptions.Singleline);

    public static Regex ConfirmCard { get; } = new("Can you sign in to Teams now\\?");
}
