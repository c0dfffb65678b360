namespace CaaBot.Storage.Abstractions;

/// <summary>A document as read from the store, with the ETag a later conditional write must present.</summary>
public sealed record StoredDocument(string Key, string ETag, ReadOnlyMemory<byte> Content);
