using System.Text.Json;
using CaaBot.Conversations.Serialization;

namespace CaaBot.Conversations.State;

/// <summary>
/// The stored shape of a state document: <c>{"schema":1,"properties":{…},"processedActivityIds":[…]}</c>. Each
/// property stays raw JSON (a slice of the stored bytes) until a typed <see cref="StateProperty{T}"/> reads it, so a
/// value always comes back as the type its accessor declares, and nothing is parsed twice.
/// </summary>
/// <remarks>Read and written by hand rather than by the serializer: the generated code would materialise every
/// property as a <see cref="JsonElement"/> (a document each) only for it to be parsed again.</remarks>
internal sealed class StateDocument
{
    public const int CurrentSchema = 1;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    public Dictionary<string, ReadOnlyMemory<byte>> Properties { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Ids of the last activities this conversation processed, oldest first (conversation documents only).</summary>
    public List<string>? ProcessedActivityIds { get; init; }

    /// <summary>Reads a stored document; the property values are slices of <paramref name="content"/>, which must not change afterwards.</summary>
    public static StateDocument Parse(ReadOnlyMemory<byte> content)
    {
        var reader = new Utf8JsonReader(content.Span, ReaderOptions);
        RawJson.Next(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A state document must be a JSON object.");
        }

        var properties = new Dictionary<string, ReadOnlyMemory<byte>>(StringComparer.Ordinal);
        List<string>? processed = null;
        while (true)
        {
            RawJson.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            if (reader.ValueTextEquals("properties"u8))
            {
                ReadProperties(ref reader, content, properties);
            }
            else if (reader.ValueTextEquals("processedActivityIds"u8))
            {
                processed = ReadIds(ref reader);
            }
            else
            {
                // "schema" and members a later version may add.
                RawJson.Next(ref reader);
                reader.Skip();
            }
        }

        if (reader.Read())
        {
            throw new JsonException("Unexpected content after the state document.");
        }

        return new StateDocument { Properties = properties, ProcessedActivityIds = processed };
    }

    public static byte[] ToUtf8Bytes(IReadOnlyDictionary<string, ReadOnlyMemory<byte>> properties, List<string>? processedActivityIds) =>
        RawJson.Write((properties, processedActivityIds), static (writer, document) =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("schema"u8, CurrentSchema);
            writer.WriteStartObject("properties"u8);
            foreach (var (name, value) in document.properties)
            {
                writer.WritePropertyName(name);
                // Every value was either read (and validated) from a stored document or produced by the serializer.
                writer.WriteRawValue(value.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
            if (document.processedActivityIds is { } ids)
            {
                writer.WriteStartArray("processedActivityIds"u8);
                foreach (var id in ids)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        });

    private static void ReadProperties(ref Utf8JsonReader reader, ReadOnlyMemory<byte> content, Dictionary<string, ReadOnlyMemory<byte>> properties)
    {
        RawJson.Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The properties of a state document must be a JSON object.");
        }

        while (true)
        {
            RawJson.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return;
            }

            var name = reader.GetString()!;
            RawJson.Next(ref reader);
            properties[name] = RawJson.ReadValue(ref reader, content);
        }
    }

    private static List<string>? ReadIds(ref Utf8JsonReader reader)
    {
        RawJson.Next(ref reader);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("processedActivityIds must be an array.");
        }

        var ids = new List<string>();
        while (true)
        {
            RawJson.Next(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return ids;
            }

            ids.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("A processed activity id must be a string."));
        }
    }
}
