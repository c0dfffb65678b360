namespace CaaBot.Bot.Tests;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("plain words", "plain words")]
    [InlineData("**bold**", @"\*\*bold\*\*")]
    [InlineData("<script>alert(1)</script>", @"\<script\>alert\(1\)\</script\>")]
    [InlineData("line\nbreak", "line break")]
    [InlineData("# heading", @"\# heading")]
    public void Escape_UserText_BecomesInertMarkdown(string typed, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(typed));
}
