using System.Text;
using CaaBot.Conversations.Continuation;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Storage.InMemory;

namespace CaaBot.Conversations.Tests.Continuation;

public sealed class ContinuationCodesTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryDocumentStore _store = new();

    private ContinuationCodes NewCodes(ContinuationCodeOptions? options = null) => new(_store, _clock, options);

    [Fact]
    public async Task Issue_NewCode_IsTwoGroupsOfFourFromTheAlphabetAndExpiresAfterTheLifetime()
    {
        var code = await NewCodes().IssueAsync("x"u8.ToArray(), CancellationToken.None);

        Assert.Matches("^[BCDFGHJKMNPQRSTVWXZ2-9]{4}-[BCDFGHJKMNPQRSTVWXZ2-9]{4}$", code.Code);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(15), code.ExpiresAt);
    }

    [Fact]
    public async Task Issue_ManyCodes_AreAllDifferent()
    {
        var codes = NewCodes();
        var issued = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 500; i++)
        {
            Assert.True(issued.Add((await codes.IssueAsync(ReadOnlyMemory<byte>.Empty, CancellationToken.None)).Code));
        }
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData(" {0} ")]
    [InlineData("{1}")]
    [InlineData("{2}")]
    public async Task Redeem_CodeInAnyCaseWithOrWithoutDash_ReturnsThePayloadOnce(string format)
    {
        var codes = NewCodes();
        var code = (await codes.IssueAsync(Encoding.UTF8.GetBytes("the case"), CancellationToken.None)).Code;
        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, code, code.ToLowerInvariant(), code.Replace("-", string.Empty, StringComparison.Ordinal));

        var first = await codes.RedeemAsync(typed, "user-1", CancellationToken.None);
        var second = await codes.RedeemAsync(typed, "user-1", CancellationToken.None);

        Assert.Equal(ContinuationRedemptionStatus.Redeemed, first.Status);
        Assert.Equal("the case", Encoding.UTF8.GetString(first.Payload.Span));
        Assert.Equal(ContinuationRedemptionStatus.NotValid, second.Status);
    }

    [Fact]
    public async Task Redeem_AfterTheLifetime_IsNotValid()
    {
        var codes = NewCodes();
        var code = (await codes.IssueAsync("x"u8.ToArray(), CancellationToken.None)).Code;

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        Assert.Equal(ContinuationRedemptionStatus.NotValid, (await codes.RedeemAsync(code, "user-1", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Redeem_OnAnotherInstanceSharingTheStore_Works()
    {
        var code = (await NewCodes().IssueAsync("x"u8.ToArray(), CancellationToken.None)).Code;

        Assert.Equal(ContinuationRedemptionStatus.Redeemed, (await NewCodes().RedeemAsync(code, "user-1", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Redeem_RacingRedemptions_OnlyOneGetsThePayload()
    {
        var code = (await NewCodes().IssueAsync("x"u8.ToArray(), CancellationToken.None)).Code;

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => NewCodes().RedeemAsync(code, "user-1", CancellationToken.None))));

        Assert.Single(results, result => result.Status == ContinuationRedemptionStatus.Redeemed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AAAA-AAAA")]
    [InlineData("BCDF-GHJ")]
    [InlineData("BCDF-GHJKM")]
    [InlineData("0000-1111")]
    [InlineData("'; DROP TABLE documents; --")]
    public async Task Redeem_MalformedOrUnknown_IsNotValidAndNeverThrows(string typed)
    {
        Assert.Equal(ContinuationRedemptionStatus.NotValid, (await NewCodes().RedeemAsync(typed, "user-1", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Redeem_TooManyWrongGuesses_PausesUntilTheWindowPasses()
    {
        var codes = NewCodes(new ContinuationCodeOptions { MaxWrongGuesses = 3, GuessWindow = TimeSpan.FromMinutes(1) });
        var code = (await codes.IssueAsync("x"u8.ToArray(), CancellationToken.None)).Code;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ContinuationRedemptionStatus.NotValid, (await codes.RedeemAsync("BBBB-BBBB", "user-1", CancellationToken.None)).Status);
        }

        Assert.Equal(ContinuationRedemptionStatus.Throttled, (await codes.RedeemAsync(code, "user-1", CancellationToken.None)).Status);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ContinuationRedemptionStatus.Redeemed, (await codes.RedeemAsync(code, "user-1", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Redeem_OneRequestersWrongGuesses_PauseOnlyThatRequester()
    {
        var codes = NewCodes(new ContinuationCodeOptions { MaxWrongGuessesPerRequester = 2, RequesterGuessWindow = TimeSpan.FromMinutes(10) });
        var first = (await codes.IssueAsync("a"u8.ToArray(), CancellationToken.None)).Code;
        var second = (await codes.IssueAsync("b"u8.ToArray(), CancellationToken.None)).Code;
        Assert.Equal(ContinuationRedemptionStatus.NotValid, (await codes.RedeemAsync("BBBB-BBBB", "guesser", CancellationToken.None)).Status);
        Assert.Equal(ContinuationRedemptionStatus.NotValid, (await codes.RedeemAsync("not a code", "guesser", CancellationToken.None)).Status);

        Assert.Equal(ContinuationRedemptionStatus.Throttled, (await codes.RedeemAsync(first, "guesser", CancellationToken.None)).Status);
        Assert.Equal(ContinuationRedemptionStatus.Redeemed, (await codes.RedeemAsync(first, "someone-else", CancellationToken.None)).Status);
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(ContinuationRedemptionStatus.Redeemed, (await codes.RedeemAsync(second, "guesser", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Redeem_WrongGuessesSpreadOverManyRequesters_StillPauseEveryone()
    {
        var codes = NewCodes(new ContinuationCodeOptions { MaxWrongGuesses = 6, MaxWrongGuessesPerRequester = 2 });
        var code = (await codes.IssueAsync("x"u8.ToArray(), CancellationToken.None)).Code;
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(ContinuationRedemptionStatus.NotValid, (await codes.RedeemAsync("BBBB-BBBB", $"guesser-{i / 2}", CancellationToken.None)).Status);
        }

        Assert.Equal(ContinuationRedemptionStatus.Throttled, (await codes.RedeemAsync(code, "newcomer", CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("KXRT-9M2Q", "KXRT-9M2Q")]
    [InlineData("resume kxrt-9m2q", "kxrt-9m2q")]
    [InlineData("code: KXRT-9M2Q", "KXRT-9M2Q")]
    [InlineData("  continue KXRT-9M2Q ", "KXRT-9M2Q")]
    public void LooksLikeCode_CodeShapedText_ReturnsTheCode(string text, string expected)
    {
        Assert.True(ContinuationCodes.LooksLikeCode(text, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("0xCAA20003")]
    [InlineData("AADSTS50076")]
    [InlineData("CAA2-0003")]
    [InlineData("my code is KXRT-9M2Q please")]
    [InlineData("KXRT9M2Q")]
    [InlineData(null)]
    public void LooksLikeCode_ErrorCodesAndSentences_AreNotCodes(string? text) =>
        Assert.False(ContinuationCodes.LooksLikeCode(text, out _));
}
