using System.Text.Json;
using CaaBot.Bot.Cards;

namespace CaaBot.EndToEnd.Tests.Cards;

/// <summary>Every card shape the bot can produce, filled with text meant to break it.</summary>
internal static class HostileCards
{
    public static readonly IReadOnlyList<string> Fills =
    [
        "\"quoted\" 'single' \\backslash\\ \"},{\"type\":\"Bogus\",\"id\":\"consent\"}",
        "**bold** _italic_ ~~strike~~ [click](javascript:alert(1)) ![img](http://x/y.png) # Heading\n- item\n1. item",
        "<script>alert('x')</script><img src=x onerror=alert(1)> &amp; &lt;b&gt; </TextBlock>",
        "😀👩‍💻🇨🇭 emoji ‏RTL‏ zero​width e\u0301 \u0000 \u2028 line",
        "`unclosed tick ``double`` ```\nfenced\n``` {{template}} ${expression} %localappdata%\\x",
        string.Concat(Enumerable.Repeat("<b>\"😀*`_", 2000 / 10)),
        new string('x', 2000),
    ];

    public static IEnumerable<(string Name, JsonElement Card)> All()
    {
        foreach (var (fill, index) in Fills.Select((fill, index) => (fill, index)))
        {
            var instructions = new[] { fill, $"Open `{fill}` and **{fill}**.", $"Run:\n\n```\n{fill}\n```\n\n{fill}" };
            foreach (var admin in new[] { false, true })
            {
                yield return ($"step[{index}] admin={admin}", SupportCards.Step(new StepCardData(admin ? 1 : 2, 4, fill, fill, instructions, admin, admin ? null : 5)));
            }

            foreach (var outcome in Enum.GetValues<StepOutcome>())
            {
                yield return ($"answered[{index}] {outcome}", SupportCards.AnsweredStep(new AnsweredStepData(2, 4, fill, outcome)));
            }

            yield return ($"choices[{index}]", SupportCards.PlaybookChoices(new PlaybookChoicesData(
                [new PlaybookChoice(fill, fill, 0.9), new PlaybookChoice("b" + fill, fill, 0.4), new PlaybookChoice("c", fill, 0.1), new PlaybookChoice("d", fill, 0.01)])));
            yield return ($"choices-empty[{index}]", SupportCards.PlaybookChoices(new PlaybookChoicesData([])));
            yield return ($"escalation[{index}]", SupportCards.EscalationSummary(new EscalationSummaryData(
                fill, fill, fill, [.. Enumerable.Range(0, 20).Select(i => new TriedStep(fill, (StepOutcome)(i % 5)))], fill, fill, fill)
            {
                Files = [fill, fill],
            }));
            yield return ($"escalation-minimal[{index}]", SupportCards.EscalationSummary(new EscalationSummaryData(null, fill, null, [], null)));
            yield return ($"rating[{index}]", SupportCards.Rating(new RatingCardData(fill)));
            yield return ($"ticket-filed[{index}]", SupportCards.TicketFiled(new TicketFiledData(fill)));
            yield return ($"rated[{index}]", SupportCards.Rated(new RatedData(index % 7)));
            yield return ($"confirm-fix[{index}]", SupportCards.ConfirmFix(new ConfirmFixData(fill)));
            yield return ($"fix-confirmation[{index}]", SupportCards.FixConfirmation(new FixConfirmationData(index % 2 == 0)));
        }
    }
}
