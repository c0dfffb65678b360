namespace CaaBot.Conversations.Turns;

/// <summary>What a buffered <see cref="OutgoingOperation"/> does.</summary>
internal enum OutgoingOperationKind
{
    Send,
    Update,
    Delete,
}
