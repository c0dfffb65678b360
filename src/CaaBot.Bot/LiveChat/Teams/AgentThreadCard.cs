using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Bot.Cards;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>
/// The escalation card in the helpdesk channel, for each state of the chat: waiting (with <em>Take</em>), taken (who
/// has it; <em>Hand back</em> and <em>Close</em>), ended (how; no buttons). Everything the user typed or a channel named
/// goes in through <see cref="CardText"/>, so markdown and markup in it stay text.
/// </summary>
public static class AgentThreadCard
{
    public const string TakeTitle = "Take";
    public const string HandBackTitle = "Hand back to the bot";
    public const string CloseTitle = "Close chat";

    public static JsonElement For(HandoffSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var request = session.Request;
        List<(string, string)> facts =
        [
            ("User", CardText.Inert(session.UserName, SupportCards.MaxFieldLength)),
            ("Ticket", CardText.Inert(session.TicketNumber, SupportCards.MaxFieldLength)),
            ("Error code", request.ErrorCode is { Length: > 0 } code ? CardText.Inert(code, SupportCards.MaxFieldLength) : "none given"),
            ("Device", CardText.Inert(request.Device, SupportCards.MaxFieldLength)),
        ];
        if (request.PlaybookTitle is { Length: > 0 } guide)
        {
            facts.Add(("Guide", CardText.Inert(guide, SupportCards.MaxTitleLength)));
        }

        facts.Add(("Priority", CardText.Inert(request.Priority, SupportCards.MaxFieldLength)));

        List<JsonNode> body =
        [
            CardNodes.TextBlock(Headline(session), size: "Medium", weight: "Bolder"),
            CardNodes.TextBlock(Status(session), color: session.State == HandoffState.Waiting ? "Attention" : null, subtle: session.State == HandoffState.Ended),
            CardNodes.FactSet(facts),
            CardNodes.TextBlock("Steps tried", weight: "Bolder"),
        ];
        if (request.Steps.Count == 0)
        {
            body.Add(CardNodes.TextBlock("None", subtle: true));
        }

        body.AddRange(request.Steps.Take(SupportCards.MaxStepsListed).Select((step, index) => CardNodes.TextBlock(
            string.Create(CultureInfo.InvariantCulture, $"{index + 1}\\. {CardText.Inert(step.Title, SupportCards.MaxTitleLength)} — {TicketSummary.Outcome(step.Outcome)}"))));
        if (request.Steps.Count > SupportCards.MaxStepsListed)
        {
            body.Add(CardNodes.TextBlock(string.Create(CultureInfo.InvariantCulture, $"…and {request.Steps.Count - SupportCards.MaxStepsListed} more"), subtle: true));
        }

        body.Add(CardNodes.TextBlock("In their words", weight: "Bolder"));
        body.Add(request.UserWords is { Length: > 0 } words
            ? CardNodes.TextBlock(CardText.Inert(words, SupportCards.MaxNotesLength))
            : CardNodes.TextBlock("Nothing typed", subtle: true));

        return JsonSerializer.SerializeToElement(CardNodes.Card(body, Actions(session)));
    }

    private static string Headline(HandoffSession session) =>
        $"{CardText.Inert(session.UserName, SupportCards.MaxFieldLength)} asks for a person · {CardText.Inert(session.TicketNumber, SupportCards.MaxFieldLength)}";

    private static string Status(HandoffSession session)
    {
        var agent = CardText.Inert(session.Agent?.DisplayName ?? "an agent", SupportCards.MaxFieldLength);
        return (session.State, session.End) switch
        {
            (HandoffState.Waiting, _) => "Waiting for an agent. Take it, then reply in this thread: your replies reach the user.",
            (HandoffState.Active, _) => $"Taken by **{agent}**{Via(session.Agent)}. Only {agent} replies to the user from here.",
            (_, HandoffEnd.Closed) => $"Closed by {agent}.",
            (_, HandoffEnd.HandedBack) => $"Handed back to the bot by {agent}.",
            (_, HandoffEnd.UserLeft) => "The user left the chat.",
            _ => "Ended: nobody took it. The ticket stands.",
        };
    }

    private static string Via(HandoffAgent? agent) => agent?.Via switch
    {
        AgentChannel.Console => " (in the helpdesk console)",
        AgentChannel.Hub => " (through the agent hub)",
        _ => string.Empty,
    };

    private static List<JsonNode>? Actions(HandoffSession session) => session.State switch
    {
        HandoffState.Waiting => [CardNodes.Submit(TakeTitle, Data(AgentCardSubmit.Take, session), style: "positive")],

        // Only a Teams agent can end it from here; a chat taken in the console is ended there.
        HandoffState.Active when session.Agent?.Via == AgentChannel.Teams =>
        [
            CardNodes.Submit(HandBackTitle, Data(AgentCardSubmit.HandBack, session)),
            CardNodes.Submit(CloseTitle, Data(AgentCardSubmit.Close, session), style: "destructive"),
        ],
        _ => null,
    };

    private static JsonObject Data(string action, HandoffSession session) => CardNodes.Data(action, ("sessionId", session.Id));
}
