using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;

namespace CaaBot.Knowledge.Tests.Symptoms;

public sealed class SymptomMatcherTests
{
    private static readonly Playbook PasswordLoop = Make("password-loop", "Teams keeps asking for your password",
        ["teams keeps asking for my password", "i have to sign in again every time"], PlaybookPlatform.Windows, PlaybookPlatform.MacOS);

    private static readonly Playbook BlankWindow = Make("blank-window", "The sign-in window is blank",
        ["the sign-in window is white and empty", "nothing shows in the login box"], PlaybookPlatform.Windows);

    private static readonly Playbook Clock = Make("clock", "The PC's clock is wrong",
        ["the clock on my computer is wrong", "sign-in refused because the date is off"], PlaybookPlatform.Windows);

    private static readonly Playbook Proxy = Make("proxy", "The company proxy blocks sign-in",
        ["sign in fails only on the office network", "works at home but not through the proxy"], PlaybookPlatform.Windows);

    private static readonly Playbook Mfa = Make("mfa", "Teams needs a second sign-in check",
        ["i have to approve the request in the authenticator app", "more information required"],
        PlaybookPlatform.Windows, PlaybookPlatform.MacOS, PlaybookPlatform.Web, PlaybookPlatform.IOS, PlaybookPlatform.Android);

    private static readonly Playbook MobileBroker = Make("mobile-broker", "Teams on the phone needs a helper app",
        ["teams on my phone wants me to install an app", "cannot sign in on my phone"], PlaybookPlatform.IOS, PlaybookPlatform.Android);

    private static readonly Playbook DesktopBroker = Make("desktop-broker", "Teams on the desktop needs a helper app",
        ["teams on my phone wants me to install an app", "cannot sign in on my phone"], PlaybookPlatform.Windows);

    private static readonly SymptomMatcher Matcher = new([PasswordLoop, BlankWindow, Clock, Proxy, Mfa]);

    [Theory]
    [InlineData("TÉAMS KEEPS ASKING FOR MY PÄSSWORD!!!")]
    [InlineData("Téams kéeps asking for my pässword")]
    [InlineData("teams...keeps-asking,for my password?")]
    [InlineData("  teams   keeps\tasking\nfor my password  ")]
    public void Match_CaseAccentsPunctuationAndSpacing_AreIgnored(string text)
    {
        var best = Matcher.Match(text)[0];

        Assert.Equal("password-loop", best.PlaybookId);
    }

    [Fact]
    public void Match_Contractions_WithOrWithoutApostrophe_MeanTheSame()
    {
        var withApostrophe = Matcher.Match("i can’t sign in, it doesn't take my password");
        var without = Matcher.Match("i cant sign in, it doesnt take my password");

        Assert.Equal(withApostrophe.Select(m => (m.PlaybookId, m.Confidence)), without.Select(m => (m.PlaybookId, m.Confidence)));
    }

    [Theory]
    [InlineData("teams keeps askin for my pasword", "pasword")]
    [InlineData("teams keeps asking for my passowrd", "passowrd")]
    [InlineData("authenticatr app wants me to approve", "authenticatr")]
    public void Match_OneEditTypos_AreReadAsTheKnownWord(string text, string typo)
    {
        var best = Matcher.Match(text)[0];

        Assert.Contains(best.MatchedTerms, t => t.Kind == MatchedTermKind.Typo && t.UserWords == typo);
    }

    [Fact]
    public void Match_ShortWordsAndTwoEdits_AreNotCorrected()
    {
        // "pswrd" is two edits from "password"; guessing that far would "correct" ordinary words too.
        var matches = Matcher.Match("pswrd");

        Assert.Empty(matches);
    }

    [Theory]
    [InlineData("it ask always the pwd", "password-loop")]
    [InlineData("teams wants my credentials again and again", "password-loop")]
    [InlineData("passwort prompt over and over", "password-loop")]
    [InlineData("the logon popup is just a white screen", "blank-window")]
    [InlineData("my laptop time is 10 minutes off", "clock")]
    [InlineData("2fa code on my phone every morning", "mfa")]
    [InlineData("it only breaks on the vpn or company wifi, fine at home", "proxy")]
    public void Match_SynonymsAndInformalWords_FindThePlaybook(string text, string expected)
    {
        var best = Matcher.Match(text)[0];

        Assert.Equal(expected, best.PlaybookId);
    }

    [Fact]
    public void Match_Synonym_IsExplainedWithTheUsersWordsAndTheConcept()
    {
        var best = Matcher.Match("it ask always the pwd")[0];

        Assert.Contains(best.MatchedTerms, t => t is { UserWords: "pwd", Meaning: "password", Kind: MatchedTermKind.Synonym });
        Assert.Contains(best.MatchedTerms, t => t is { UserWords: "always", Kind: MatchedTermKind.Synonym });
        Assert.Contains("\"pwd\" (= password)", best.Explanation, StringComparison.Ordinal);
        Assert.Equal("teams keeps asking for my password", best.ClosestSymptom);
    }

    [Fact]
    public void Match_NeighbouringWordsFromOnePhrase_AreReportedAsPhrase()
    {
        var best = Matcher.Match("the clock on my pc is wrong")[0];

        Assert.Equal("clock", best.PlaybookId);
        Assert.Contains(best.MatchedTerms, t => t.Kind == MatchedTermKind.Phrase);
    }

    [Fact]
    public void Match_PlatformGiven_PrefersThePlaybookForThatPlatform()
    {
        var matcher = new SymptomMatcher([MobileBroker, DesktopBroker]);
        const string text = "it wants me to install another app before i can sign in";

        var onAndroid = matcher.Match(text, PlaybookPlatform.Android);
        var onWindows = matcher.Match(text, PlaybookPlatform.Windows);

        Assert.Equal("mobile-broker", onAndroid[0].PlaybookId);
        Assert.Equal("desktop-broker", onWindows[0].PlaybookId);
        Assert.Contains(onAndroid[0].MatchedTerms, t => t.Kind == MatchedTermKind.Platform);
        Assert.True(onAndroid[0].Confidence > onAndroid[1].Confidence);
    }

    [Fact]
    public void Match_PlatformNamedInTheText_NudgesTheRanking()
    {
        var matcher = new SymptomMatcher([MobileBroker, DesktopBroker]);

        var best = matcher.Match("on my iphone it wants me to install another app")[0];

        Assert.Equal("mobile-broker", best.PlaybookId);
        Assert.Contains(best.MatchedTerms, t => t is { Kind: MatchedTermKind.Platform, Meaning: "IOS" });
    }

    [Theory]
    [InlineData("my printer is out of paper")]
    [InlineData("the coffee machine on floor 3 is broken")]
    [InlineData("how do i book a meeting room")]
    public void Match_UnrelatedText_HasNoConfidentMatch(string text)
    {
        var matches = Matcher.Match(text);

        Assert.All(matches, m => Assert.True(m.Confidence < SymptomMatcher.WeakConfidence, $"{m.PlaybookId} {m.Confidence}"));
    }

    [Fact]
    public void Match_ClearDescription_IsConfident()
    {
        var best = Matcher.Match("teams keeps asking me for my password again and again")[0];

        Assert.True(best.Confidence >= SymptomMatcher.WeakConfidence, best.Confidence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Match_Confidences_AreOrderedAndSumToAtMostOne()
    {
        var matches = Matcher.Match("sign in fails", max: 10);

        Assert.True(matches.Sum(m => m.Confidence) <= 1.0);
        Assert.Equal(matches.OrderByDescending(m => m.Confidence).Select(m => m.PlaybookId), matches.Select(m => m.PlaybookId));
        Assert.All(matches, m => Assert.InRange(m.Confidence, 0.0, 1.0));
    }

    [Fact]
    public void Match_SameInput_GivesTheSameResult_WhateverThePlaybookOrder()
    {
        var reversed = new SymptomMatcher([Mfa, Proxy, Clock, BlankWindow, PasswordLoop]);
        const string text = "login keeps failing, white box, approve on phone";

        var first = Matcher.Match(text, max: 5);
        var second = Matcher.Match(text, max: 5);
        var third = reversed.Match(text, max: 5);

        Assert.Equal(first.Select(m => m.Explanation + m.Confidence), second.Select(m => m.Explanation + m.Confidence));
        Assert.Equal(first.Select(m => m.PlaybookId + m.Confidence), third.Select(m => m.PlaybookId + m.Confidence));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the and of it")]
    public void Match_NothingToGoOn_ReturnsNoMatches(string text)
    {
        Assert.Empty(Matcher.Match(text));
    }

    [Fact]
    public void Match_Max_LimitsTheNumberOfMatches()
    {
        Assert.Single(Matcher.Match("sign in password window clock proxy approve", max: 1));
        Assert.Empty(Matcher.Match("sign in password", max: 0));
    }

    [Fact]
    public void Constructor_NoPlaybooks_MatchesNothing()
    {
        var empty = new SymptomMatcher([]);

        Assert.Empty(empty.Match("teams keeps asking for my password"));
    }

    private static Playbook Make(string id, string title, IReadOnlyList<string> symptoms, params PlaybookPlatform[] platforms) =>
        new(id, null, [], title, title + ".", string.Empty, platforms, symptoms,
            new PlaybookEscalation("identity", "normal", ["always"]), [], [], id + ".md");
}
