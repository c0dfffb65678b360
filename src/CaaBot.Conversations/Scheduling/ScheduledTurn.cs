using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Scheduling;

/// <summary>
/// A turn the bot runs later in a conversation it has seen: an <c>event</c> activity named <see cref="Name"/> is
/// replayed into <see cref="Reference"/>'s conversation at <see cref="DueAt"/>, so the bot sees its own state and
/// answers through the usual turn machinery (commit first, then send).
/// </summary>
/// <param name="Id">
/// Deterministic key (<c>followup/{caseId}</c>, <c>ticket/{number}/delivered</c>): scheduling the same id twice is
/// one turn, and the replayed activity carries it so a turn that ran but was not marked done is not run again.
/// </param>
/// <param name="DueAt">When to run it, UTC; a time in the past means as soon as possible.</param>
/// <param name="Reference">Where to run it; only references taken from validated inbound activities belong here.</param>
/// <param name="Name">The event name the bot routes on (<c>caabot/followUp</c>).</param>
/// <param name="Value">Whatever the bot needs to act, as JSON.</param>
public sealed record ScheduledTurn(string Id, DateTimeOffset DueAt, ConversationReference Reference, string Name, JsonElement? Value)
{
    /// <summary>Prefix of the replayed activity's id; what follows is <see cref="Id"/>.</summary>
    public const string ActivityIdPrefix = "scheduled:";

    /// <summary>
    /// <see cref="Value"/> read as a <typeparamref name="T"/>, or null when it is missing, not an object or not one
    /// (a turn scheduled by an older version): the bot then skips the turn instead of failing it over and over.
    /// </summary>
    public T? ValueAs<T>(JsonSerializerOptions options)
        where T : class
    {
        try
        {
            return Value is { ValueKind: JsonValueKind.Object } value ? value.Deserialize<T>(options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>event</c> activity that starts the turn: from the user, to the bot, in the stored conversation.</summary>
    public Activity ToActivity(DateTimeOffset now) => new Activity
    {
        Type = ActivityTypes.Event,
        Id = ActivityIdPrefix + Id,
        Name = Name,
        Value = Value,
        Timestamp = now,
    }.ApplyConversationReference(Reference, isIncoming: true);
}
