using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Protocol;

/// <summary>
/// One entry of a conversation's transcript stream: a JSON array of the turn's activities in protocol JSON (a piece of
/// a <c>.transcript</c> file), written as one append per turn. Entries written before turns were batched hold one
/// activity object each; readers take both.
/// </summary>
public static class TranscriptEntryJson
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    /// <summary>The entry for <paramref name="activities"/>, oldest first.</summary>
    public static byte[] Write(IReadOnlyList<Activity> activities)
    {
        ArgumentNullException.ThrowIfNull(activities);
        return JsonSerializer.SerializeToUtf8Bytes(activities, ProtocolJson.Options);
    }

    /// <summary>The protocol JSON of each activity in <paramref name="payload"/>, as slices of it.</summary>
    /// <exception cref="JsonException">The payload is neither an array nor an object, or is not well-formed JSON.</exception>
    public static IReadOnlyList<ReadOnlyMemory<byte>> Split(ReadOnlyMemory<byte> payload)
    {
        var reader = new Utf8JsonReader(payload.Span, ReaderOptions);
        if (!reader.Read())
        {
            throw new JsonException("An empty transcript entry.");
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                reader.Skip();
                return [payload];
            case JsonTokenType.StartArray:
                var activities = new List<ReadOnlyMemory<byte>>();
                while (true)
                {
                    if (!reader.Read())
                    {
                        throw new JsonException("A transcript entry's array is not closed.");
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        return activities;
                    }

                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new JsonException("A transcript entry's array holds activity objects only.");
                    }

                    var start = checked((int)reader.TokenStartIndex);
                    reader.Skip();
                    activities.Add(payload[start..checked((int)reader.BytesConsumed)]);
                }

            default:
                throw new JsonException("A transcript entry is an activity or an array of activities.");
        }
    }

    /// <summary>The activities in <paramref name="payload"/>, oldest first.</summary>
    /// <exception cref="JsonException">The payload is not a transcript entry.</exception>
    public static IReadOnlyList<Activity> Read(ReadOnlyMemory<byte> payload) =>
        [.. Split(payload).Select(json => JsonSerializer.Deserialize<Activity>(json.Span, ProtocolJson.Options)
            ?? throw new JsonException("A transcript entry holds a null activity."))];
}
