using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Protocol.Schema;

/// <summary>
/// Reads any ISO-8601 timestamp; writes UTC values with an explicit <c>Z</c> (as channels and Web Chat
/// expect) and local ones with their offset. A value without an offset is taken as UTC: the protocol's
/// timestamps are UTC, and the server's own time zone must never leak into the meaning.
/// </summary>
public sealed class ProtocolTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => false;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A timestamp must be an ISO-8601 string.");
        }

        var text = reader.GetString();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is not { } timestamp)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(timestamp.Offset == TimeSpan.Zero
            ? timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
            : timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }
}
