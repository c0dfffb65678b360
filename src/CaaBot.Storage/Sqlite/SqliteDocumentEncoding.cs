using System.Buffers;
using System.IO.Compression;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// How a document's bytes are kept in <c>documents.content</c> (the <c>encoding</c> column, schema version 2): as written,
/// or Brotli-compressed when that is smaller. State and transcript entries are JSON that repeats its property names and
/// ids, so a few KB become a few hundred bytes and share a B-tree page with other rows instead of spilling into an
/// overflow page of their own (a 7 KB state document with a step card became 1.2 KB; the step prompt no longer stores
/// its card at all). Callers of the store always see the bytes they wrote.
/// Stream entries (schema version 3, <c>stream_entries.encoding</c>) are kept the same way: a transcript entry holds a
/// turn's activities with their cards. They are compressed harder (<see cref="EntryQuality"/>): an entry is written
/// once and kept for the life of the conversation and its ticket, where a document is rewritten on every turn.
/// </summary>
internal static class SqliteDocumentEncoding
{
    public const long Raw = 0;
    public const long Brotli = 1;

    /// <summary>Smaller documents are stored as written: too little to gain, and most of them would not shrink.</summary>
    public const int MinimumCompressedLength = 512;

    /// <summary>
    /// Brotli quality for documents, 1 of 11: measured on a step's 6.9 KB state document, 1.2 KB at a fifth of quality
    /// 4's CPU time (which gives 1.1 KB).
    /// </summary>
    public const int DocumentQuality = 1;

    /// <summary>
    /// Brotli quality for stream entries, 5 of 11: on 295 transcript entries of the HTTP benchmark's journey (2.3 KB
    /// each as JSON) 14% smaller than quality 1 (700 rather than 815 bytes) for about 35 µs more per entry; qualities 6
    /// to 9 gain nothing over 5 and 10 to 11 cost milliseconds.
    /// </summary>
    public const int EntryQuality = 5;

    // A 64 KB window: a larger one only costs setup time for documents this size.
    private const int Window = 16;

    // Far above any document the bot writes; a blob that does not decompress within it is damaged.
    private const int MaximumDecodedLength = 64 * 1024 * 1024;

    public static (byte[] Blob, long Encoding) Encode(ReadOnlyMemory<byte> content, int quality)
    {
        if (content.Length < MinimumCompressedLength)
        {
            return (SqliteBlob.ToArray(content), Raw);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(content.Length));
        try
        {
            return BrotliEncoder.TryCompress(content.Span, buffer, out var written, quality, Window) && written < content.Length
                ? (buffer.AsSpan(0, written).ToArray(), Brotli)
                : (SqliteBlob.ToArray(content), Raw);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <exception cref="InvalidDataException">An encoding this build does not know, or a damaged compressed document.</exception>
    public static byte[] Decode(byte[] blob, long encoding) => encoding switch
    {
        Raw => blob,
        Brotli => Decompress(blob),
        _ => throw new InvalidDataException($"Unknown document encoding {encoding}."),
    };

    private static byte[] Decompress(byte[] blob)
    {
        // TryDecompress needs room for the whole result; state documents shrink about 6×, so 8× is nearly always enough.
        for (var size = Math.Max(blob.Length * 8, 4096); size <= MaximumDecodedLength; size *= 2)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(size);
            try
            {
                if (BrotliDecoder.TryDecompress(blob, buffer, out var written))
                {
                    return buffer.AsSpan(0, written).ToArray();
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        throw new InvalidDataException("A compressed document does not decompress: the row is damaged.");
    }
}
