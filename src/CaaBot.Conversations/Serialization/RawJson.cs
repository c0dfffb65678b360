using System.Buffers;
using System.Text.Json;

namespace CaaBot.Conversations.Serialization;

/// <summary>
/// Helpers for the engine's stored shapes, which nest JSON values (state properties, dialog state) as raw UTF-8
/// slices: read without building a <see cref="JsonDocument"/> per level, written without re-parsing.
/// </summary>
internal static class RawJson
{
    // Larger buffers are not kept, so one huge document does not pin memory on a thread for good.
    private const int MaxRetainedBufferBytes = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The value the reader has just read (its first token), as a slice of <paramref name="source"/>; validated to its end.</summary>
    public static ReadOnlyMemory<byte> ReadValue(ref Utf8JsonReader reader, ReadOnlyMemory<byte> source)
    {
        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        return source[start..checked((int)reader.BytesConsumed)];
    }

    /// <summary>Reads the next token, failing on the end of the input.</summary>
    public static void Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("Unexpected end of JSON.");
        }
    }

    /// <summary>Reads the next token as a string (or null).</summary>
    public static string? NextString(ref Utf8JsonReader reader)
    {
        Next(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string, found {reader.TokenType}."),
        };
    }

    /// <summary>
    /// Writes JSON with <paramref name="write"/> into a per-thread buffer and returns a copy of exactly the written
    /// bytes. <paramref name="write"/> must be synchronous and must not call back into this method.
    /// </summary>
    public static byte[] Write<TArg>(TArg argument, Action<Utf8JsonWriter, TArg> write)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        t_buffer = null;
        t_writer = null;
        try
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            write(writer, argument);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity <= MaxRetainedBufferBytes)
            {
                writer.Reset();
                (t_buffer, t_writer) = (buffer, writer);
            }
        }
    }
}
