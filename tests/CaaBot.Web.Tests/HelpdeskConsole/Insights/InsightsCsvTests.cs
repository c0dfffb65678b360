using CaaBot.Web.HelpdeskConsole.Insights;

namespace CaaBot.Web.Tests.HelpdeskConsole.Insights;

public sealed class InsightsCsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("Clear the token cache", "Clear the token cache")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\r=x", "\"'\r=x\"")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData(" padded ", "\" padded \"")]
    public void Cell_Text_IsFormulaSafeAndQuotedOnlyWhenNeeded(string? text, string expected)
    {
        Assert.Equal(expected, InsightsCsv.Cell(text));
    }
}
