using CaaBot.Knowledge.Codes;

namespace CaaBot.Knowledge.Tests.Codes;

public sealed class ErrorCodeParserTests
{
    [Theory]
    // Hex, every casing and spacing people use.
    [InlineData("0xCAA20003", "0xCAA20003")]
    [InlineData("0XCAA20003", "0xCAA20003")]
    [InlineData("0xcaa20003", "0xCAA20003")]
    [InlineData("CAA20003", "0xCAA20003")]
    [InlineData("caa20003", "0xCAA20003")]
    [InlineData("CAA2 0003", "0xCAA20003")]
    [InlineData("CAA2-0003", "0xCAA20003")]
    [InlineData("CAA2 - 0003", "0xCAA20003")]
    [InlineData("0x CAA2-0003", "0xCAA20003")]
    [InlineData("0x-caa2 0003", "0xCAA20003")]
    [InlineData("0xCAA2\u20130003", "0xCAA20003")]
    [InlineData("0xCAA2000b", "0xCAA2000B")]
    [InlineData("caa82ee2", "0xCAA82EE2")]
    [InlineData("0xCAA301AA", "0xCAA301AA")]
    // Letter O for zero, l/I for one.
    [InlineData("0xCAA2OOO3", "0xCAA20003")]
    [InlineData("CAA2O004", "0xCAA20004")]
    [InlineData("OxCAA20003", "0xCAA20003")]
    [InlineData("caa1000l", "0xCAA10001")]
    [InlineData("CAAI0001", "0xCAA10001")]
    [InlineData("CAAOOOOO", "0xCAA00000")]
    // Decimal, signed and unsigned.
    [InlineData("-895352829", "0xCAA20003")]
    [InlineData("3399614467", "0xCAA20003")]
    [InlineData("\u2212895352829", "0xCAA20003")]
    [InlineData("-2146958592", "0x80080300")]
    [InlineData("-2147023584", "0x80070520")]
    [InlineData("2147943712", "0x80070520")]
    [InlineData("-2147024540", "0x80070164")]
    // Other HRESULTs.
    [InlineData("0x80070005", "0x80070005")]
    [InlineData("0x8007 0005", "0x80070005")]
    [InlineData("0x80004005", "0x80004005")]
    [InlineData("0xC00CE584", "0xC00CE584")]
    [InlineData("80070005", "0x80070005")]
    [InlineData("8007042b", "0x8007042B")]
    [InlineData("0x8OO7OOO5", "0x80070005")]
    // Symbolic names.
    [InlineData("ERROR_ADAL_SERVER_ERROR_INVALID_GRANT", "0xCAA20003")]
    [InlineData("error_adal_server_error_invalid_grant", "0xCAA20003")]
    [InlineData("ERROR_ADAL_INTERNET_TIMEOUT", "0xCAA82EE2")]
    [InlineData("ERROR_ADAL_NEED_UI", "0xCAA10001")]
    [InlineData("ERROR_ADAL_OAUTH_RESPONSE_INVALID", "0xCAA90015")]
    [InlineData("NTE_BAD_KEYSET", "0x80090016")]
    [InlineData("E_ACCESSDENIED", "0x80070005")]
    [InlineData("BT_E_SPURIOUS_ACTIVATION", "0x80080300")]
    [InlineData("MSG_E_DTD_PROHIBITED", "0xC00CE584")]
    [InlineData("BlockedByConditionalAccess", "AADSTS53003")]
    [InlineData("UnauthorizedClient_DoesNotMatchRequest", "AADSTS700016")]
    // Entra ID.
    [InlineData("AADSTS50076", "AADSTS50076")]
    [InlineData("AADSTS 50076", "AADSTS50076")]
    [InlineData("aadsts-50076", "AADSTS50076")]
    [InlineData("AADSTS: 50076", "AADSTS50076")]
    [InlineData("AADSTS5OO76", "AADSTS50076")]
    [InlineData("AADSTS700016", "AADSTS700016")]
    [InlineData("AADSTS7000215", "AADSTS7000215")]
    // Wrapped in punctuation.
    [InlineData("\"CAA20003\"", "0xCAA20003")]
    [InlineData("(0xCAA20003)", "0xCAA20003")]
    [InlineData("[caa20003].", "0xCAA20003")]
    [InlineData("0xCAA20003.", "0xCAA20003")]
    [InlineData("\u201C0xCAA20003\u201D", "0xCAA20003")]
    [InlineData("  caa20003 \n", "0xCAA20003")]
    [InlineData("'AADSTS50076'!", "AADSTS50076")]
    public void TryParse_AcceptedForm_ReturnsNormalizedCode(string text, string expected)
    {
        Assert.True(ErrorCodeParser.TryParse(text, out var code));
        Assert.Equal(expected, code.ToString());
    }

    [Theory]
    [InlineData("invalid_grant", "0xCAA20003")]
    [InlineData("interaction_required", "0xCAA2000C")]
    [InlineData("50076", "AADSTS50076")]
    [InlineData("700016", "AADSTS700016")]
    public void TryParse_WholeAnswerOnlyForm_ReturnsNormalizedCode(string text, string expected)
    {
        Assert.True(ErrorCodeParser.TryParse(text, out var code));
        Assert.Equal(expected, code.ToString());
    }

    [Theory]
    [InlineData("invalid_grant")]
    [InlineData("50076")]
    public void FindAll_WholeAnswerOnlyFormInProse_FindsNothing(string form)
    {
        Assert.Empty(ErrorCodeParser.FindAll($"the response said {form} again"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("error caa20003")]
    [InlineData("caa20003 and caa20004")]
    [InlineData("caa20003 caa20003")]
    [InlineData("4c7")]
    [InlineData("0x42b")]
    [InlineData("1067")]
    [InlineData("12345")]
    [InlineData("0xCAA2000")]
    [InlineData("CAA200031")]
    [InlineData("80004005")]
    [InlineData("-2147467259")]
    [InlineData("0xDEADBEEF")]
    [InlineData("0x1234ABCD")]
    [InlineData("CAAlllll")]
    [InlineData("AADSTS")]
    [InlineData("AADSTS1234")]
    [InlineData("ERROR_ADAL_SOMETHING_MADE_UP")]
    public void TryParse_NotASingleCode_ReturnsFalse(string text)
    {
        Assert.False(ErrorCodeParser.TryParse(text, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(ErrorCodeParser.TryParse(null, out _));
    }

    [Theory]
    [InlineData("I get error caa20003 when I open teams", "0xCAA20003")]
    [InlineData("Teams says: We couldn't sign you in (error CAA2 0003).", "0xCAA20003")]
    [InlineData("error code: -895352829.", "0xCAA20003")]
    [InlineData("It said AADSTS50076: Due to a configuration change made by your administrator", "AADSTS50076")]
    [InlineData("Error: \"0xCAA70004\", something went wrong", "0xCAA70004")]
    [InlineData("log shows ERROR_ADAL_INTERNET_TIMEOUT at 10:02", "0xCAA82EE2")]
    [InlineData("Status code 0x80090016 - Trusted Platform Module has malfunctioned", "0x80090016")]
    [InlineData("code=caa2OOO3,", "0xCAA20003")]
    [InlineData("error 3399614467 since 2024 after 3 tries", "0xCAA20003")]
    [InlineData("Event log: -2146958592 from the broker", "0x80080300")]
    [InlineData("got caa5 001c after the motherboard swap", "0xCAA5001C")]
    [InlineData("see https://example.invalid/kb/caa20003 for details", "0xCAA20003")]
    [InlineData("error CAAl000I on my laptop", "0xCAA10001")]
    [InlineData("the header says NTE_BAD_KEYSET.", "0x80090016")]
    public void FindAll_CodeInSentence_FindsIt(string message, string expected)
    {
        var match = Assert.Single(ErrorCodeParser.FindAll(message));
        Assert.Equal(expected, match.Code.ToString());
        Assert.Equal(match.Text, message.Substring(match.Index, match.Length));
    }

    [Theory]
    [InlineData("I tried 3 times")]
    [InlineData("it started since 2024")]
    [InlineData("call me at +1 425 882 8080 or 0800 123 4567")]
    [InlineData("my number is 4258828080")]
    [InlineData("port 443 is blocked by the proxy")]
    [InlineData("Teams 24295.605.3225.8804")]
    [InlineData("version 1.0.3399614467")]
    [InlineData("amount 3399614467.50")]
    [InlineData("deadbeef cafebabe c0ffee")]
    [InlineData("0xDEADBEEF")]
    [InlineData("on 2024-10-05 at 14:03")]
    [InlineData("10/05/2024")]
    [InlineData("Correlation ID: caa20003-1234-4cde-8f00-1234567890ab")]
    [InlineData("Request id 8007042b-aaaa-bbbb-cccc-dddddddddddd")]
    [InlineData("guid 0f2c1a7e-caa2-0003-9abc-1234567890ab")]
    [InlineData("order 123456789 and ticket -123456789")]
    [InlineData("ticket INC-3399614467")]
    [InlineData("the invalid_grant thing and access denied")]
    [InlineData("the CAA rules of 2019 and an ox 8000 1234")]
    [InlineData("AADSTS error in 2024")]
    [InlineData("error 80004005")]
    [InlineData("hash 5d41402abc4b2a76b9719d911017c592")]
    [InlineData("x0xCAA20003 and CAA20003x and caa200034")]
    public void FindAll_TextWithoutCode_FindsNothing(string message)
    {
        Assert.Empty(ErrorCodeParser.FindAll(message));
    }

    [Fact]
    public void FindAll_SeveralCodes_ReturnsEachOnceInOrder()
    {
        var matches = ErrorCodeParser.FindAll("First 0xCAA70004, then CAA82EE2 and again caa70004 (also -895352829)");

        Assert.Equal(["0xCAA70004", "0xCAA82EE2", "0xCAA20003"], matches.Select(m => m.Code.ToString()));
        Assert.Equal([6, 23, 57], matches.Select(m => m.Index));
    }

    [Fact]
    public void FindAll_MixedKinds_ReturnsAllKinds()
    {
        var matches = ErrorCodeParser.FindAll("codes: caa20003; AADSTS50076, 0x80070005 and UserUnauthorized");

        Assert.Equal(["0xCAA20003", "AADSTS50076", "0x80070005", "AADSTS50020"], matches.Select(m => m.Code.ToString()));
        Assert.Equal(
            [ErrorCodeKind.Wam, ErrorCodeKind.Aadsts, ErrorCodeKind.HResult, ErrorCodeKind.Aadsts],
            matches.Select(m => m.Code.Kind));
    }

    [Fact]
    public void FindAll_SameCodeInDifferentForms_ReturnsItOnceAtFirstPosition()
    {
        var matches = ErrorCodeParser.FindAll("caa20003 aka ERROR_ADAL_SERVER_ERROR_INVALID_GRANT aka 3399614467");

        var match = Assert.Single(matches);
        Assert.Equal("0xCAA20003", match.Code.ToString());
        Assert.Equal(0, match.Index);
        Assert.Equal("caa20003", match.Text);
    }

    [Fact]
    public void FindAll_PastedErrorDialog_FindsCodesButNotCorrelationId()
    {
        const string dialog = """
            Something went wrong.
            [1001]
            Error code: 0xCAA20003
            Server message: AADSTS50076: Due to a configuration change made by your administrator...
            Correlation ID: caa20004-1a2b-4cde-8f00-1234567890ab
            Timestamp: 2025-03-14 09:26:53Z
            """;

        var matches = ErrorCodeParser.FindAll(dialog);

        Assert.Equal(["0xCAA20003", "AADSTS50076"], matches.Select(m => m.Code.ToString()));
    }

    [Fact]
    public void FindAll_SpacedForm_ReportsUsersOwnSpelling()
    {
        var match = Assert.Single(ErrorCodeParser.FindAll("it says 0x CAA2-0003!"));

        Assert.Equal("0x CAA2-0003", match.Text);
        Assert.Equal(8, match.Index);
        Assert.Equal(12, match.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void FindAll_NullOrEmpty_ReturnsEmpty(string? message)
    {
        Assert.Empty(ErrorCodeParser.FindAll(message));
    }
}
