using CaaBot.Bot.Cards;

namespace CaaBot.Bot.Tests.Cards;

/// <summary>Ordinary and hostile data for every card shape.</summary>
internal static class CardSamples
{
    public const string Hostile = "\"quoted\" **bold** _it_ [click](javascript:alert(1)) <script>alert('x')</script> & 😀 `tick` # head\n- list";

    public static readonly string Long2000 = string.Concat(Enumerable.Repeat("<b>*😀\"x", 2000 / 8)) ;

    public static StepCardData Step(int number = 2, int total = 4, bool admin = false) => new(
        number,
        total,
        "clear-the-cache",
        "Clear the cache",
        [
            "Close Teams completely (right-click its icon and choose **Quit**).",
            "Open **File Explorer** and go to `%appdata%\\Microsoft\\Teams`.",
            "Copy and paste this command:\n\n```powershell\nGet-AppxPackage Microsoft.AAD.BrokerPlugin\n```\n\nthen press Enter.",
        ],
        admin,
        5);

    public static AnsweredStepData Answered(StepOutcome outcome = StepOutcome.Fixed) => new(2, 4, "Clear the cache", outcome);

    public static PlaybookChoicesData Choices() => new(
    [
        new PlaybookChoice("caa20004", "Teams error 0xCAA20004: sign-in waiting for approval", 0.72),
        new PlaybookChoice("caa70004", "Teams error 0xCAA70004: cannot reach the sign-in service", 0.41),
        new PlaybookChoice("aadsts50011", "AADSTS50011: reply address mismatch", 0.12),
    ]);

    public static EscalationSummaryData Escalation(string? notes = "It started after the update yesterday.") => new(
        "0xCAA20004",
        "Windows PC, Teams desktop app",
        "Teams error 0xCAA20004: sign-in waiting for approval",
        [new TriedStep("Look for a silent multi-factor prompt", StepOutcome.StillBroken), new TriedStep("Sync your work account in Windows", StepOutcome.Skipped)],
        notes,
        ContactPhone: "+41 44 000 00 00");

    public static RatingCardData Rating() => new("Teams error 0xCAA20004: sign-in waiting for approval");

    public static ConfirmFixData ConfirmFix() => new("Clear the cache");
}
