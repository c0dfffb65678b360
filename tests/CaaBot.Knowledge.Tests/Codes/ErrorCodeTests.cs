using CaaBot.Knowledge.Codes;

namespace CaaBot.Knowledge.Tests.Codes;

public sealed class ErrorCodeTests
{
    [Theory]
    [InlineData(0xCAA20003u, ErrorCodeKind.Wam, "0xCAA20003")]
    [InlineData(0xCAA00000u, ErrorCodeKind.Wam, "0xCAA00000")]
    [InlineData(0xCAAFFFFFu, ErrorCodeKind.Wam, "0xCAAFFFFF")]
    [InlineData(0x80070005u, ErrorCodeKind.HResult, "0x80070005")]
    [InlineData(0xC00CE584u, ErrorCodeKind.HResult, "0xC00CE584")]
    [InlineData(0xCAB00000u, ErrorCodeKind.HResult, "0xCAB00000")]
    public void FromValue_FailureCode_HasKindAndNormalizedText(uint value, ErrorCodeKind kind, string normalized)
    {
        var code = ErrorCode.FromValue(value);

        Assert.Equal(kind, code.Kind);
        Assert.Equal(value, code.Value);
        Assert.Equal(normalized, code.Normalized);
        Assert.Equal(normalized, code.ToString());
    }

    [Theory]
    [InlineData(0x00000000u)]
    [InlineData(0x12345678u)]
    [InlineData(0xDEADBEEFu)]
    [InlineData(0x7FFFFFFFu)]
    public void FromValue_NotAFailureCode_Throws(uint value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorCode.FromValue(value));
    }

    [Fact]
    public void FromAadsts_Number_NormalizesWithPrefix()
    {
        var code = ErrorCode.FromAadsts(50076);

        Assert.Equal(ErrorCodeKind.Aadsts, code.Kind);
        Assert.Equal(50076u, code.Value);
        Assert.Equal("AADSTS50076", code.ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000_000)]
    public void FromAadsts_OutOfRange_Throws(int number)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorCode.FromAadsts(number));
    }

    [Fact]
    public void Equals_SameCodeFromDifferentSpellings_AreEqualAndHashAlike()
    {
        Assert.True(ErrorCodeParser.TryParse("caa2 0003", out var a));
        Assert.True(ErrorCodeParser.TryParse("-895352829", out var b));

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(ErrorCode.FromValue(0xCAA20003), ErrorCode.FromValue(0xCAA20004));
    }
}
