using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Testing.Transcripts;

/// <summary>
/// Replays a transcript against a bot: user activities are sent through a <see cref="TestAdapter"/>, and every bot
/// activity in the transcript must match the next one the bot sends, field by field. Fields a channel or the run
/// decides (ids, timestamps, service URL, conversation, account ids and names) are not compared.
/// A mismatch throws <see cref="TestFlowAssertionException"/> with the differing fields and both activities.
/// </summary>
public static class TranscriptReplay
{
    // Failure messages are read by people: no \u0022 escapes. Never used to produce anything a browser renders.
    private static readonly JsonSerializerOptions Display = new(ProtocolJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions DisplayIndented = new(Display) { WriteIndented = true };

    /// <summary>Top-level activity fields that differ between runs or channels and say nothing about the bot.</summary>
    public static IReadOnlySet<string> DefaultIgnoredFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "timestamp", "localTimestamp", "localTimezone", "serviceUrl", "channelId", "conversation", "replyToId", "locale", "from", "recipient",
    };

    public static async Task ReplayFileAsync(string path, TestAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        var transcript = await TranscriptFile.ReadAsync(path, cancellationToken);
        await ReplayAsync(transcript, adapter, bot, cancellationToken, Path.GetFileName(path));
    }

    /// <summary>
    /// Re-records a golden transcript: sends the file's user activities to <paramref name="bot"/> and rewrites the file
    /// with the whole conversation as it happens now. Meant for an opt-in switch, never for a normal test run.
    /// </summary>
    public static async Task RecordFileAsync(string path, TestAdapter adapter, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(bot);
        var recorded = await TranscriptFile.ReadAsync(path, cancellationToken);
        foreach (var userActivity in recorded.Where(activity => !IsFromBot(activity)))
        {
            await adapter.ProcessActivityAsync(AsIncoming(userActivity), bot, cancellationToken);
        }

        await TranscriptFile.WriteAsync(path, adapter.Transcript, cancellationToken);
    }

    public static async Task ReplayAsync(
        IReadOnlyList<Activity> transcript, TestAdapter adapter, IBot bot, CancellationToken cancellationToken, string name = "transcript", IReadOnlySet<string>? ignoredFields = null)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(bot);
        ignoredFields ??= DefaultIgnoredFields;
        string? lastUserAction = null;
        for (var index = 0; index < transcript.Count; index++)
        {
            var expected = transcript[index];
            var where = $"{name}, activity #{index + 1}" + (lastUserAction is null ? string.Empty : $" (after the user {lastUserAction})");
            if (!IsFromBot(expected))
            {
                if (adapter.TryGetNextReply(out var unexpected))
                {
                    throw new TestFlowAssertionException($"{where}: the bot sent an activity the transcript does not have:\n{ToJson(unexpected)}");
                }

                lastUserAction = expected.Text is { } text ? $"said \"{text}\""
                    : expected.IsCardSubmit() ? "submitted a card"
                    : $"sent a {expected.Type}";
                await adapter.ProcessActivityAsync(AsIncoming(expected), bot, cancellationToken);
                continue;
            }

            if (!adapter.TryGetNextReply(out var actual))
            {
                throw new TestFlowAssertionException($"{where}: expected the bot to send\n{ToJson(expected)}\nbut it sent nothing more.");
            }

            var differences = Compare(Comparable(expected, ignoredFields), Comparable(actual, ignoredFields));
            if (differences.Count > 0)
            {
                var message = new StringBuilder($"{where}: the bot's activity differs from the transcript:\n");
                foreach (var difference in differences)
                {
                    message.Append("  ").Append(difference).Append('\n');
                }

                message.Append("Expected:\n").Append(ToJson(expected)).Append("\nActual:\n").Append(ToJson(actual));
                throw new TestFlowAssertionException(message.ToString());
            }
        }

        if (adapter.TryGetNextReply(out var extra))
        {
            throw new TestFlowAssertionException($"{name}: the transcript has ended but the bot also sent:\n{ToJson(extra)}");
        }
    }

    private static bool IsFromBot(Activity activity) =>
        activity.From?.Role == RoleTypes.Bot || (activity.From?.Role is null && activity.Recipient?.Role == RoleTypes.User);

    /// <summary>The transcript's user activity, re-addressed to this adapter's conversation and given a fresh id.</summary>
    private static Activity AsIncoming(Activity recorded) => recorded with
    {
        Id = null,
        Timestamp = null,
        ChannelId = null,
        ServiceUrl = null,
        From = null,
        Recipient = null,
        Conversation = null,
        ReplyToId = null,
    };

    private static JsonObject Comparable(Activity activity, IReadOnlySet<string> ignoredFields)
    {
        var node = (JsonObject)JsonNode.Parse(ProtocolJson.Serialize(activity))!;
        foreach (var field in ignoredFields)
        {
            node.Remove(field);
        }

        return node;
    }

    private static List<string> Compare(JsonNode? expected, JsonNode? actual, string path = "")
    {
        var differences = new List<string>();
        Collect(expected, actual, path, differences);
        return differences;
    }

    private static void Collect(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject expectedObject, JsonObject actualObject):
                foreach (var key in expectedObject.Select(p => p.Key).Union(actualObject.Select(p => p.Key)))
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (!actualObject.ContainsKey(key))
                    {
                        differences.Add($"{childPath}: expected {Show(expectedObject[key])} but it is missing");
                    }
                    else if (!expectedObject.ContainsKey(key))
                    {
                        differences.Add($"{childPath}: not in the transcript but the bot sent {Show(actualObject[key])}");
                    }
                    else
                    {
                        Collect(expectedObject[key], actualObject[key], childPath, differences);
                    }
                }

                break;
            case (JsonArray expectedArray, JsonArray actualArray):
                for (var i = 0; i < Math.Max(expectedArray.Count, actualArray.Count); i++)
                {
                    var childPath = $"{path}[{i}]";
                    if (i >= actualArray.Count)
                    {
                        differences.Add($"{childPath}: expected {Show(expectedArray[i])} but it is missing");
                    }
                    else if (i >= expectedArray.Count)
                    {
                        differences.Add($"{childPath}: not in the transcript but the bot sent {Show(actualArray[i])}");
                    }
                    else
                    {
                        Collect(expectedArray[i], actualArray[i], childPath, differences);
                    }
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    differences.Add($"{(path.Length == 0 ? "(activity)" : path)}: expected {Show(expected)} but was {Show(actual)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node) => node?.ToJsonString(Display) ?? "null";

    private static string ToJson(Activity activity) => JsonSerializer.Serialize(activity, DisplayIndented);
}
