using System.Globalization;
using CaaBot.Knowledge.Codes;
using FsCheck;
using FsCheck.Fluent;

namespace CaaBot.Knowledge.Tests.Codes;

/// <summary>
/// Properties over generated input. FsCheck.Xunit is not available, so each property runs through
/// FsCheck's core runner inside a plain [Fact] and throws (with the shrunk counterexample) on failure.
/// </summary>
public sealed class ErrorCodeParserPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true);

    private static readonly string[] Separators = ["", " ", "-", " - ", "  "];

    private static Gen<uint> WamValues => Gen.Choose(0, 0xFFFFF).Select(static n => 0xCAA0_0000u + (uint)n);

    // Any 0x8…/0xC… value that is not a WAM code.
    private static Gen<uint> HResultValues =>
        Gen.Zip(Gen.Elements(0x8u, 0xCu), Gen.Zip(Gen.Choose(0, 0xFFFF), Gen.Choose(0, 0xFFF)))
            .Select(static t => (t.Item1 << 28) | ((uint)t.Item2.Item1 << 12) | (uint)t.Item2.Item2)
            .Where(static v => !ErrorCode.IsWamValue(v));

    private static Gen<int> AadstsNumbers => Gen.Choose(10_000, ErrorCode.MaxAadstsNumber);

    private static Gen<string> LetterWords =>
        Gen.Choose(1, 10).SelectMany(static length =>
            Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".ToCharArray()), length)
                .Select(static chars => new string(chars)));

    private static Gen<string> ShortNumbers => Gen.Choose(0, 9999).Select(static n => n.ToString(CultureInfo.InvariantCulture));

    [Fact]
    public void TryParse_EveryRenderingOfWamValue_ReturnsSameCode()
    {
        var property = Prop.ForAll(Arb.From(Gen.Zip(WamValues, Gen.Choose(0, 255))), static input =>
        {
            var (value, zeroMask) = input;
            var expected = ErrorCode.FromValue(value);
            foreach (var text in WamRenderings(value).Append(WithSomeZerosAsO(value, zeroMask)))
            {
                Assert.True(ErrorCodeParser.TryParse(text, out var code), $"not parsed: '{text}'");
                Assert.Equal(expected, code);
            }
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void FindAll_CodeEmbeddedInLetterWords_FindsExactlyThatCode()
    {
        var gen =
            from rendered in Gen.OneOf(
                WamValues.SelectMany(static v => Gen.Elements(WamRenderings(v).ToArray()).Select(t => (Code: ErrorCode.FromValue(v), Text: t))),
                HResultValues.SelectMany(static v => Gen.Elements(PrefixedHexRenderings(v).ToArray()).Select(t => (Code: ErrorCode.FromValue(v), Text: t))),
                AadstsNumbers.SelectMany(static n => Gen.Elements(AadstsRenderings(n).ToArray()).Select(t => (Code: ErrorCode.FromAadsts(n), Text: t))))
            from words in Gen.ListOf(LetterWords)
            from position in Gen.Choose(0, words.Count)
            select (rendered.Code, rendered.Text, Words: words, Position: position);

        var property = Prop.ForAll(Arb.From(gen), static input =>
        {
            var before = string.Join(' ', input.Words.Take(input.Position));
            var after = string.Join(' ', input.Words.Skip(input.Position));
            var prefix = before.Length == 0 ? "" : before + " ";
            var message = prefix + input.Text + (after.Length == 0 ? "" : " " + after);

            var match = Assert.Single(ErrorCodeParser.FindAll(message));
            Assert.Equal(input.Code, match.Code);
            Assert.Equal(prefix.Length, match.Index);
            Assert.Equal(input.Text, match.Text);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void TryParse_NormalizedText_IsIdempotent()
    {
        var codes = Gen.OneOf(
            WamValues.Select(ErrorCode.FromValue),
            HResultValues.Select(ErrorCode.FromValue),
            AadstsNumbers.Select(ErrorCode.FromAadsts));

        var property = Prop.ForAll(Arb.From(codes), static code =>
        {
            Assert.True(ErrorCodeParser.TryParse(code.ToString(), out var reparsed));
            Assert.Equal(code, reparsed);
            Assert.Equal(code.ToString(), reparsed.ToString());
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void TryParse_ParsedRenderingReparsed_IsUnchanged()
    {
        var texts = WamValues.SelectMany(static v => Gen.Elements(WamRenderings(v).ToArray()));

        var property = Prop.ForAll(Arb.From(texts), static text =>
        {
            Assert.True(ErrorCodeParser.TryParse(text, out var once));
            Assert.True(ErrorCodeParser.TryParse(once.ToString(), out var twice));
            Assert.Equal(once, twice);
        });

        Check.One(Runs, property);
    }

    [Fact]
    public void FindAll_LettersAndShortNumbersOnly_FindsNothing()
    {
        var tokens = Gen.Frequency((3, LetterWords), (1, ShortNumbers));
        var separators = Gen.Elements(" ", ", ", ". ", " - ", "-", "/", ":", "\n", " (", ") ", "  ");
        var gen = Gen.ListOf(Gen.Zip(tokens, separators))
            .Select(static parts => string.Concat(parts.Select(static p => p.Item1 + p.Item2)));

        var property = Prop.ForAll(Arb.From(gen), static message =>
            Assert.Empty(ErrorCodeParser.FindAll(message)));

        Check.One(Runs, property);
    }

    private static IEnumerable<string> WamRenderings(uint value)
    {
        var upper = value.ToString("X8", CultureInfo.InvariantCulture);
        var lower = upper.ToLowerInvariant();
        foreach (var hex in new[] { upper, lower })
        {
            foreach (var separator in Separators)
            {
                var spaced = hex[..4] + separator + hex[4..];

                // A split bare tail of letters only ("caab beef") is rejected on purpose: it reads as two words.
                if (separator.Length == 0 || hex[3..].Any(char.IsAsciiDigit))
                {
                    yield return spaced;
                }

                yield return "0x" + spaced;
                yield return "0X" + spaced;
                yield return "0x " + spaced;
                yield return "0x-" + spaced;
            }

            yield return "0x" + hex.Replace('0', 'O');
            yield return hex.Replace('0', 'O');
            yield return hex.Replace('0', 'o');
        }

        yield return unchecked((int)value).ToString(CultureInfo.InvariantCulture);
        yield return value.ToString(CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> PrefixedHexRenderings(uint value)
    {
        var upper = value.ToString("X8", CultureInfo.InvariantCulture);
        foreach (var hex in new[] { upper, upper.ToLowerInvariant() })
        {
            foreach (var separator in Separators)
            {
                yield return "0x" + hex[..4] + separator + hex[4..];
            }
        }
    }

    private static IEnumerable<string> AadstsRenderings(int number)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture);
        yield return "AADSTS" + digits;
        yield return "aadsts" + digits;
        yield return "AADSTS " + digits;
        yield return "aadsts-" + digits;
        yield return "AADSTS: " + digits;
    }

    // Replaces the zeros of the 8-digit hex whose bit is set in the mask, e.g. 0xCAA2OO03.
    private static string WithSomeZerosAsO(uint value, int mask)
    {
        var chars = value.ToString("X8", CultureInfo.InvariantCulture).ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '0' && (mask & (1 << i)) != 0)
            {
                chars[i] = 'O';
            }
        }

        return "0x" + new string(chars);
    }
}
