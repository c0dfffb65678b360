using CaaBot.Helpdesk.BuiltIn;

namespace CaaBot.Helpdesk.Tests.BuiltIn;

public sealed class TicketNumberTests
{
    [Theory]
    [InlineData(1, "CAA-000001")]
    [InlineData(42, "CAA-000042")]
    [InlineData(999_999, "CAA-999999")]
    [InlineData(1_000_000, "CAA-1000000")]
    public void Format_Value_SixDigitsAtLeast(long value, string expected)
    {
        Assert.Equal(expected, TicketNumber.Format(value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Format_NotPositive_Throws(long value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TicketNumber.Format(value));
    }

    [Theory]
    [InlineData("CAA-000042", 42)]
    [InlineData("caa-42", 42)]
    [InlineData("42", 42)]
    [InlineData(" CAA-000042\t", 42)]
    [InlineData("Caa - 42", 42)]
    [InlineData("CAA#42", 42)]
    [InlineData("caa:42", 42)]
    [InlineData("#42", 42)]
    [InlineData("CAA-9999999999999", 9_999_999_999_999)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void TryParse_TolerantForms_ReadsTheNumber(string text, long expected)
    {
        Assert.True(TicketNumber.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("CAA")]
    [InlineData("CAA-")]
    [InlineData("0")]
    [InlineData("CAA-000000")]
    [InlineData("-42")]
    [InlineData("+42")]
    [InlineData("4 2")]
    [InlineData("42a")]
    [InlineData("0x2A")]
    [InlineData("CAB-42")]
    [InlineData("##42")]
    [InlineData("9223372036854775808")]
    [InlineData("\u0664\u0662")]
    [InlineData("\uFF14\uFF12")]
    public void TryParse_Garbage_ReturnsFalseAndZero(string? text)
    {
        Assert.False(TicketNumber.TryParse(text, out var value));
        Assert.Equal(0, value);
    }

    [Fact]
    public void TryParse_TenThousandCharacters_ReturnsFalse()
    {
        Assert.False(TicketNumber.TryParse(new string('7', 10_000), out _));
    }
}
