namespace CaaBot.Storage.Tests.Support;

/// <summary>A stream entry's row as SQLite holds it, payload in hex so rows compare by value.</summary>
internal sealed record StoredEntry(string Stream, long Sequence, long AppendedAt, string PayloadHex, long Encoding);
