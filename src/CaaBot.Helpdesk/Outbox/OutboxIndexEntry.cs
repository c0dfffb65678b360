namespace CaaBot.Helpdesk.Outbox;

/// <summary>One entry of the stream <c>helpdesk/outbox</c>: an outbox document was recorded (names may repeat).</summary>
internal sealed record OutboxIndexEntry(string Number, string Connector);
