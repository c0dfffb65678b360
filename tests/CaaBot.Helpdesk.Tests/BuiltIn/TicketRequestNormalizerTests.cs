using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Tests.Support;

namespace CaaBot.Helpdesk.Tests.BuiltIn;

public sealed class TicketRequestNormalizerTests
{
    [Fact]
    public void Truncate_WouldSplitASurrogatePair_CutsBeforeThePair()
    {
        var text = new string('a', 20 - TicketRequestNormalizer.TruncationMarker.Length - 1) + string.Concat(Enumerable.Repeat("🙂", 10));

        var cut = TicketRequestNormalizer.Truncate(text, 20);

        Assert.True(cut.Length <= 20);
        Assert.True(HelpdeskKeys.IsWellFormed(cut));
        Assert.EndsWith(TicketRequestNormalizer.TruncationMarker, cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_LoneSurrogateInUserWords_ReplacedNotRejected()
    {
        var shortened = new List<string>();

        var normalized = TicketRequestNormalizer.Normalize(Requests.Minimal("x") with { UserWords = "broken \uD800 text" }, shortened);

        Assert.Equal("broken \uFFFD text", normalized.UserWords);
        Assert.Empty(shortened);
    }

    [Fact]
    public void Normalize_NothingTooLong_ReportsNothingShortened()
    {
        var shortened = new List<string>();

        var normalized = TicketRequestNormalizer.Normalize(Requests.Minimal("x"), shortened);

        Assert.Empty(shortened);
        Assert.Equal(Requests.Minimal("x").UserWords, normalized.UserWords);
    }

    [Fact]
    public void Normalize_LongFields_ReportsTheirNamesOnce()
    {
        var shortened = new List<string>();
        var request = Requests.Minimal("x") with
        {
            UserWords = new string('w', 10_000),
            Findings = [new string('f', 1_000), new string('g', 1_000)],
        };

        TicketRequestNormalizer.Normalize(request, shortened);

        Assert.Equal(["UserWords", "Findings"], shortened.Order(StringComparer.Ordinal).Reverse());
    }
}
