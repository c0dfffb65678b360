using CaaBot.Knowledge.Codes;

namespace CaaBot.Knowledge.Tests.Codes;

public sealed class ErrorCodeFamilyTests
{
    [Theory]
    [InlineData(0xCAA10001u, WamFacility.Client, ErrorCodeArea.Client)]
    [InlineData(0xCAA20003u, WamFacility.IdentityServer, ErrorCodeArea.Account)]
    [InlineData(0xCAA30194u, WamFacility.HttpStatus, ErrorCodeArea.Network)]
    [InlineData(0xCAA5004Bu, WamFacility.System, ErrorCodeArea.Device)]
    [InlineData(0xCAA60007u, WamFacility.Json, ErrorCodeArea.Network)]
    [InlineData(0xCAA70004u, WamFacility.UrlMoniker, ErrorCodeArea.Network)]
    [InlineData(0xCAA82EE2u, WamFacility.WinInet, ErrorCodeArea.Network)]
    [InlineData(0xCAA90014u, WamFacility.ServerFederation, ErrorCodeArea.Federation)]
    [InlineData(0xCAAA0001u, WamFacility.Unexpected, ErrorCodeArea.Unknown)]
    [InlineData(0xCAAB0001u, WamFacility.TokenBroker, ErrorCodeArea.Device)]
    public void Of_WamCode_ReturnsFacilityAndArea(uint value, WamFacility facility, ErrorCodeArea area)
    {
        var family = ErrorCodeFamily.Of(ErrorCode.FromValue(value));

        Assert.Equal(facility, family.Facility);
        Assert.Equal(area, family.Area);
        Assert.False(string.IsNullOrWhiteSpace(family.Description));
    }

    [Theory]
    [InlineData(0xCAA30194u, 404)]
    [InlineData(0xCAA301AAu, 426)]
    [InlineData(0xCAA301F6u, 502)]
    public void Of_HttpStatusCode_ExposesHttpStatus(uint value, int status)
    {
        var family = ErrorCodeFamily.Of(ErrorCode.FromValue(value));

        Assert.Equal(status, family.HttpStatus);
        Assert.Contains($"HTTP {status}", family.Description, StringComparison.Ordinal);
        Assert.Contains("proxy", family.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_WinInetCode_ExposesWinInetError()
    {
        var family = ErrorCodeFamily.Of(ErrorCode.FromValue(0xCAA82EE2));

        Assert.Equal(12002, family.WinInetError);
        Assert.Null(family.HttpStatus);
    }

    [Theory]
    [InlineData(0xCAA00001u)]
    [InlineData(0xCAA40001u)]
    [InlineData(0xCAAF0001u)]
    public void Of_UnassignedWamFacility_IsUnknown(uint value)
    {
        var family = ErrorCodeFamily.Of(ErrorCode.FromValue(value));

        Assert.Null(family.Facility);
        Assert.Equal(ErrorCodeArea.Unknown, family.Area);
    }

    [Theory]
    [InlineData(0x8007042Bu, 1067, ErrorCodeArea.Unknown)]
    [InlineData(0x80070005u, 5, ErrorCodeArea.Unknown)]
    public void Of_Win32HResult_ExposesWin32Error(uint value, int win32, ErrorCodeArea area)
    {
        var family = ErrorCodeFamily.Of(ErrorCode.FromValue(value));

        Assert.Equal(win32, family.Win32Error);
        Assert.Equal(area, family.Area);
        Assert.Null(family.Facility);
    }

    [Theory]
    [InlineData(0x80090016u, ErrorCodeArea.Device)]
    [InlineData(0x8028008Bu, ErrorCodeArea.Device)]
    [InlineData(0xC00CE584u, ErrorCodeArea.Network)]
    [InlineData(0x80080300u, ErrorCodeArea.Unknown)]
    public void Of_OtherHResult_ReturnsArea(uint value, ErrorCodeArea area)
    {
        Assert.Equal(area, ErrorCodeFamily.Of(ErrorCode.FromValue(value)).Area);
    }

    [Fact]
    public void Of_AadstsCode_IsAccountAreaWithLookupLink()
    {
        var family = ErrorCodeFamily.Of(ErrorCode.FromAadsts(53003));

        Assert.Equal(ErrorCodeArea.Account, family.Area);
        Assert.Null(family.Facility);
        Assert.Contains("code=53003", family.Description, StringComparison.Ordinal);
    }
}
