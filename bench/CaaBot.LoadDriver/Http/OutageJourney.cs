using System.Text.Json;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// The outage burst: everyone has the same code and goes straight to a person. Before the incident threshold a person
/// gets a ticket of their own; after it, they are added to the one incident and told the helpdesk already knows. Used
/// by the burst benchmark (<c>CaaBot.LoadDriver burst</c>) and by the outage simulation test in CaaBot.Web.Tests.
/// </summary>
internal static class OutageJourney
{
    public const string Code = "0xCAA20004";

    /// <summary>Said to someone who got a ticket of their own.</summary>
    public const string OwnTicketText = "Your ticket number is";

    /// <summary>Said to someone added to the incident.</summary>
    public const string AlreadyKnowsText = "The helpdesk already knows about this";

    /// <summary>Said at triage once the incident is open.</summary>
    public const string HeadsUpText = "Heads-up: the helpdesk already knows";

    private static readonly Dictionary<string, string> Consent = new(StringComparer.Ordinal) { ["consent"] = "true" };

    public static HttpJourney Escalation { get; } = new($"outage burst: {Code}, then straight to a person",
    [
        new("error code", _ => HttpJourney.Text(Code + " on windows"), replies => HttpJourney.AnyCard(replies, "Step 1 of")),
        new("agent", _ => HttpJourney.Text("agent"), replies => HttpJourney.AnyCard(replies, "Send to helpdesk")),
        new("send to helpdesk", replies => HttpJourney.Click(replies, "Send to helpdesk", Consent), IsAnswered),
    ]);

    /// <summary>Whether the last turn's replies hold one of the two answers.</summary>
    public static bool IsAnswered(IReadOnlyList<JsonElement> replies) =>
        HttpJourney.AnyText(replies, OwnTicketText) || HttpJourney.AnyText(replies, AlreadyKnowsText);
}
