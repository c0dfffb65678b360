using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.Tests.BuiltIn;

public sealed class HelpdeskKeysTests
{
    [Theory]
    [InlineData("case-1.a_b", "helpdesk/request/case-1.a_b")]
    [InlineData("a/b", "helpdesk/request/a%2Fb")]
    [InlineData("a%2Fb", "helpdesk/request/a%252Fb")]
    [InlineData("../ticket/CAA-000001", "helpdesk/request/..%2Fticket%2FCAA-000001")]
    [InlineData("msteams:a:1xyz", "helpdesk/request/msteams%3Aa%3A1xyz")]
    [InlineData("caf\u00e9", "helpdesk/request/caf%C3%A9")]
    [InlineData("~x", "helpdesk/request/%7Ex")]
    public void Request_ShortId_EscapedReadably(string requestId, string expected)
    {
        Assert.Equal(expected, HelpdeskKeys.Request(requestId));
    }

    [Fact]
    public void Request_LongId_KeyedByHashWithinStorageLimits()
    {
        var key = HelpdeskKeys.Request(new string('/', 1_024));

        Assert.StartsWith("helpdesk/request/~", key, StringComparison.Ordinal);
        Assert.Equal("helpdesk/request/~".Length + 64, key.Length);
        Assert.NotEqual(key, HelpdeskKeys.Request(new string('/', 1_023) + "\\"));
    }

    [Fact]
    public void Request_ManyHostileIds_DistinctValidKeysUnderTheRequestPrefix()
    {
        var ids = new List<string> { "a", "A", "a/b", "a%2Fb", "a%2fb", "x\0y", "x\ny", "🙂", "\u00e9", "e\u0301", "", "%", "%25" };
        ids.AddRange(Enumerable.Range(150, 120).Select(n => new string('z', n)));
        ids.AddRange(Enumerable.Range(60, 20).Select(n => new string('/', n)));
        ids.RemoveAll(id => id.Length == 0);

        var keys = ids.Select(HelpdeskKeys.Request).ToArray();

        Assert.Equal(ids.Count, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.All(keys, key =>
        {
            StorageLimits.ValidateName(key, nameof(key));
            Assert.StartsWith("helpdesk/request/", key, StringComparison.Ordinal);
            Assert.DoesNotContain('/', key["helpdesk/request/".Length..]);
        });
    }

    [Fact]
    public void Ticket_Number_CanonicalKey()
    {
        Assert.Equal("helpdesk/ticket/CAA-000042", HelpdeskKeys.Ticket(42));
    }

    // Lone surrogates cannot travel through [InlineData] (the runner's serialization replaces them), hence a Fact.
    [Fact]
    public void IsWellFormed_Surrogates_OnlyPairsAllowed()
    {
        Assert.True(HelpdeskKeys.IsWellFormed("plain"));
        Assert.True(HelpdeskKeys.IsWellFormed("pair \uD83D\uDE42"));
        Assert.False(HelpdeskKeys.IsWellFormed("lone \uD800"));
        Assert.False(HelpdeskKeys.IsWellFormed("\uDC00 lone low"));
        Assert.False(HelpdeskKeys.IsWellFormed("reversed \uDE42\uD83D"));
    }
}
