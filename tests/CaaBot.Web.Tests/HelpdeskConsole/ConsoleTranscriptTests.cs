using System.Text;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Web.HelpdeskConsole.LiveChat;

namespace CaaBot.Web.Tests.HelpdeskConsole;

public sealed class ConsoleTranscriptTests
{
    [Fact]
    public void Lines_BotMarkdownShownAsTheUserSawIt_UserTextAsTyped()
    {
        var transcript = Transcript("""
            [
              {"type":"message","from":{"id":"u","name":"Ada","role":"user"},"text":"my \\-code \\*is\\* <b>x</b>"},
              {"type":"message","from":{"id":"b","name":"CaaBot","role":"bot"},"text":"Your ticket is **CAA\\-000001**: \\<b\\>x\\</b\\>"},
              {"type":"message","from":{"id":"b","role":"bot"},"attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","content":{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Step 1"},{"type":"Container","items":[{"type":"TextBlock","text":"Clear the cache\\."}]}]}}]},
              {"type":"message","from":{"id":"u","role":"user"},"value":{"action":"send"}},
              {"type":"typing","from":{"id":"b","role":"bot"}}
            ]
            """);

        var lines = ConsoleTranscript.Lines(transcript);

        Assert.Equal(
            [
                new ConsoleLine("user", "Ada", "my \\-code \\*is\\* <b>x</b>", null),
                new ConsoleLine("bot", "CaaBot", "Your ticket is **CAA-000001**: <b>x</b>", null),
                new ConsoleLine("bot", "CaaBot", "[card] Step 1 · Clear the cache.", null),
                new ConsoleLine("user", "User", "[clicked send]", null),
            ],
            lines);
    }

    [Fact]
    public void Lines_AVeryLongMessage_IsCutAndSaysHowMuchIsLeftOut()
    {
        var text = new string('x', ConsoleTranscript.MaxLineLength + 123);
        var transcript = Transcript($$"""[{"type":"message","from":{"id":"u","role":"user"},"text":"{{text}}"}]""");

        var line = Assert.Single(ConsoleTranscript.Lines(transcript));

        Assert.Equal(new string('x', ConsoleTranscript.MaxLineLength) + "… (123 more characters)", line.Text);
    }

    private static TicketTranscript Transcript(string json) => new(string.Empty, Encoding.UTF8.GetBytes(json));
}
