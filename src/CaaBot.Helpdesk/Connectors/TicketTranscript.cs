namespace CaaBot.Helpdesk.Connectors;

/// <summary>
/// The conversation that led to a ticket, in the two forms agents get: readable text for the ticket body and a
/// Bot Framework <c>.transcript</c> file (a JSON array of activities) to attach.
/// </summary>
/// <param name="Text">Plain text, one line per message, oldest first; user text as typed (connectors escape it for their format).</param>
/// <param name="TranscriptJson">The <c>.transcript</c> file's bytes (UTF-8 JSON).</param>
public sealed record TicketTranscript(string Text, ReadOnlyMemory<byte> TranscriptJson)
{
    /// <summary>The file name connectors give the JSON attachment.</summary>
    public const string FileName = "conversation.transcript";

    public static TicketTranscript Empty { get; } = new(string.Empty, "[]"u8.ToArray());
}
