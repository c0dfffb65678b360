using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>A click on the escalation card in the helpdesk channel: which button, for which live chat.</summary>
public sealed record AgentCardSubmit(string Action, string SessionId)
{
    public const string Take = "handoff.take";
    public const string HandBack = "handoff.handBack";
    public const string Close = "handoff.close";

    /// <summary>The click <paramref name="activity"/> carries, or null when it is no click on an escalation card.</summary>
    public static AgentCardSubmit? Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!activity.IsCardSubmit()
            || !activity.Value!.Value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String
            || action.GetString() is not (Take or HandBack or Close)
            || !activity.Value.Value.TryGetProperty("sessionId", out var session) || session.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return new AgentCardSubmit(action.GetString()!, session.GetString()!);
    }
}
