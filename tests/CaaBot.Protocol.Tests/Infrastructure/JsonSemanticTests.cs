using Xunit.Sdk;

namespace CaaBot.Protocol.Tests.Infrastructure;

/// <summary>The comparer behind the golden tests must itself catch real differences.</summary>
public sealed class JsonSemanticTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1.0}""")]
    [InlineData("""{"t":"<at>"}""", """{"t":"\u003Cat\u003E"}""")]
    [InlineData("""{"timestamp":"2026-03-02T09:15:42.123+01:00"}""", """{"timestamp":"2026-03-02T08:15:42.123Z"}""")]
    public void AssertEqual_SameMeaning_Passes(string expected, string actual)
    {
        JsonSemantic.AssertEqual(expected, actual);
    }

    [Theory]
    [InlineData("""{"a":1}""", """{"a":2}""")]
    [InlineData("""{"a":1}""", """{"a":"1"}""")]
    [InlineData("""{"a":1}""", """{"a":1,"b":null}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[2,1]}""")]
    [InlineData("""{"a":{"x":true}}""", """{"a":{"x":false}}""")]
    [InlineData("""{"timestamp":"2026-03-02T09:15:42.123+01:00"}""", """{"timestamp":"2026-03-02T09:15:42.123Z"}""")]
    [InlineData("""{"clientTimestamp":"2026-03-02T09:15:42+01:00"}""", """{"clientTimestamp":"2026-03-02T08:15:42Z"}""")]
    public void AssertEqual_DifferentMeaning_Fails(string expected, string actual)
    {
        Assert.Throws<XunitException>(() => JsonSemantic.AssertEqual(expected, actual));
    }
}
