using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace CaaBot.Protocol.Tests.Infrastructure;

/// <summary>
/// Deep comparison of two JSON documents by meaning: member order and whitespace do not matter,
/// numbers compare by value, string escapes are decoded, and the protocol's timestamp members compare
/// as instants (<c>…+01:00</c> and the same moment in <c>Z</c> are equal).
/// </summary>
internal static class JsonSemantic
{
    private static readonly HashSet<string> TimestampMembers = new(StringComparer.Ordinal) { "timestamp", "localTimestamp" };

    public static void AssertEqual(string expectedJson, string actualJson)
    {
        var expected = JsonNode.Parse(expectedJson);
        var actual = JsonNode.Parse(actualJson);
        if (Difference(expected, actual, "$", memberName: null) is { } difference)
        {
            throw new XunitException($"JSON differs at {difference}{Environment.NewLine}Actual JSON:{Environment.NewLine}{actualJson}");
        }
    }

    private static string? Difference(JsonNode? expected, JsonNode? actual, string path, string? memberName)
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (null, _) or (_, null):
                return $"{path}: expected {Show(expected)}, got {Show(actual)}";
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        return $"{path}.{name}: missing (expected {Show(value)})";
                    }

                    if (Difference(value, other, $"{path}.{name}", name) is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = a.Select(p => p.Key).FirstOrDefault(k => !e.ContainsKey(k));
                return extra is null ? null : $"{path}.{extra}: unexpected member {Show(a[extra])}";
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    return $"{path}: expected {e.Count} items, got {a.Count}";
                }

                for (var i = 0; i < e.Count; i++)
                {
                    if (Difference(e[i], a[i], $"{path}[{i}]", memberName: null) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonValue e, JsonValue a):
                return ValuesEqual(e.GetValue<JsonElement>(), a.GetValue<JsonElement>(), memberName)
                    ? null
                    : $"{path}: expected {Show(expected)}, got {Show(actual)}";
            default:
                return $"{path}: expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static bool ValuesEqual(JsonElement expected, JsonElement actual, string? memberName)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return false;
        }

        return expected.ValueKind switch
        {
            JsonValueKind.Number => decimal.Parse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                == decimal.Parse(actual.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.String when memberName is not null && TimestampMembers.Contains(memberName) =>
                DateTimeOffset.Parse(expected.GetString()!, CultureInfo.InvariantCulture)
                == DateTimeOffset.Parse(actual.GetString()!, CultureInfo.InvariantCulture),
            JsonValueKind.String => expected.GetString() == actual.GetString(),
            _ => true, // true, false, null: equal kinds are equal values
        };
    }

    private static string Show(JsonNode? node) => node?.ToJsonString() ?? "null";
}
