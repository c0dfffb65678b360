namespace CaaBot.LoadDriver.Http;

/// <summary>CaaBot's memory and storage with <see cref="Conversations"/> active conversations (each stopped mid-journey).</summary>
internal sealed record MemoryResult
{
    public required int Conversations { get; init; }

    public required int TurnsEach { get; init; }

    public required int Errors { get; init; }

    public required long RssBeforeBytes { get; init; }

    public required long RssAfterBytes { get; init; }

    /// <summary>Data directory size after a WAL checkpoint, before the conversations (schema only) and after them; null on PostgreSQL.</summary>
    public long? PersistedBeforeBytes { get; init; }

    public long? PersistedAfterBytes { get; init; }

    public double? PersistedBytesPerConversation => PersistedAfterBytes - PersistedBeforeBytes is { } grown ? (double)grown / Conversations : null;

    public double RssBytesPerConversation => (double)(RssAfterBytes - RssBeforeBytes) / Conversations;

    /// <summary>Bytes per table and index after the run (SQLite's dbstat), largest first.</summary>
    public IReadOnlyList<TableSize> Tables { get; init; } = [];
}
