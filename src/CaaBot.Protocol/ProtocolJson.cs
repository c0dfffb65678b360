using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Protocol;

/// <summary>
/// The one set of serializer options for everything that crosses the wire: camelCase names,
/// nulls omitted, unknown members kept by each record's extension data.
/// </summary>
/// <remarks>
/// Empty arrays: the protocol asks senders to omit empty <c>attachments</c>, <c>entities</c> and the like,
/// so an optional collection that is empty is not written (reading <c>"entities": []</c> gives an empty
/// list, writing it back drops the member). Required collections, and arrays inside free-form JSON
/// (<c>value</c>, <c>channelData</c>, card content, unknown members), are written exactly as they are.
/// </remarks>
public static class ProtocolJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Turns any value into a <see cref="JsonElement"/> using the protocol options.</summary>
    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Channels send numbers as strings now and then (Teams ids, watermarks); be lenient on read.
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            // Keep non-ASCII text readable in transcripts; HTML-sensitive characters are still escaped.
            Encoder = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
            ReadCommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OmitEmptyCollections } },
        };
        options.MakeReadOnly();
        return options;
    }

    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.IsExtensionData
                || property.IsRequired
                || property.PropertyType == typeof(string)
                || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            // A custom predicate replaces the WhenWritingNull condition, so nulls are skipped here too.
            var inner = property.ShouldSerialize;
            property.ShouldSerialize = (owner, value) =>
                value is not (null or ICollection { Count: 0 }) && (inner is null || inner(owner, value));
        }
    }
}
