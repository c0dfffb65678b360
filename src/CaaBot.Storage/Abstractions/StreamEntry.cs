namespace CaaBot.Storage.Abstractions;

/// <summary>One appended entry of a stream.</summary>
public sealed record StreamEntry(string Stream, long Sequence, DateTimeOffset AppendedAt, ReadOnlyMemory<byte> Payload);
