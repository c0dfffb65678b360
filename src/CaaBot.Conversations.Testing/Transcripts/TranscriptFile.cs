using System.Text.Json;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Testing.Transcripts;

/// <summary>
/// Reads and writes <c>.transcript</c> files: UTF-8 JSON holding either a plain array of activities (what the SDK
/// and the Emulator write) or an object whose <c>transcript</c> member holds that array.
/// </summary>
public static class TranscriptFile
{
    private static readonly JsonSerializerOptions Indented = new(ProtocolJson.Options) { WriteIndented = true };

    public static async Task<IReadOnlyList<Activity>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Parse(await File.ReadAllTextAsync(path, cancellationToken));
    }

    public static IReadOnlyList<Activity> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        var array = document.RootElement.ValueKind switch
        {
            JsonValueKind.Array => document.RootElement,
            JsonValueKind.Object when document.RootElement.TryGetProperty("transcript", out var inner) && inner.ValueKind == JsonValueKind.Array => inner,
            _ => throw new FormatException("A transcript is a JSON array of activities or an object with a \"transcript\" array."),
        };
        return [.. array.EnumerateArray().Select(element => element.Deserialize<Activity>(ProtocolJson.Options)
            ?? throw new FormatException("A transcript cannot contain null activities."))];
    }

    /// <summary>Writes the plain-array form, indented, nulls omitted (as the SDK's file logger does).</summary>
    public static Task WriteAsync(string path, IEnumerable<Activity> activities, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(activities);
        return File.WriteAllTextAsync(path, JsonSerializer.Serialize(activities.ToArray(), Indented) + "\n", cancellationToken);
    }
}
