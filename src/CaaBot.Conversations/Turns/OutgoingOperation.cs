using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Turns;

/// <summary>A send, update or delete held back until the turn's state is committed.</summary>
internal sealed record OutgoingOperation(OutgoingOperationKind Kind, Activity Activity, string? ProvisionalId);

internal enum OutgoingOperationKind
{
    Send,
    Update,
    Delete,
}
