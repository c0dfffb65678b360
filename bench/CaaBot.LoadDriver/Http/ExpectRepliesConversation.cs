using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.LoadDriver.Http;

/// <summary>
/// One conversation over <c>POST /api/messages</c> with <c>deliveryMode: "expectReplies"</c>, the Emulator's envelope
/// around each turn's fields (ids, channel, from, recipient, conversation); the replies are the response body's
/// <c>activities</c>. One turn at a time.
/// </summary>
internal sealed class ExpectRepliesConversation(HttpClient http, Uri messagesUri, string conversationId, string userId)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private int _sent;

    /// <summary>Posts one turn and checks its replies; returns them and the milliseconds from send to the parsed response.</summary>
    /// <exception cref="JourneyCheckException">The response was not a success or the replies were not the ones the turn expects.</exception>
    public async Task<(IReadOnlyList<JsonElement> Replies, double Ms)> SendAsync(HttpJourneyTurn turn, IReadOnlyList<JsonElement> previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var activity = turn.Build(previous);
        activity["id"] = conversationId + "-" + (++_sent).ToString(CultureInfo.InvariantCulture);
        activity["channelId"] = "emulator";
        activity["serviceUrl"] = "http://127.0.0.1:1/";
        activity["deliveryMode"] = "expectReplies";
        activity["from"] = new JsonObject { ["id"] = userId, ["name"] = "Load User" };
        activity["recipient"] = new JsonObject { ["id"] = "caabot", ["name"] = "CaaBot" };
        activity["conversation"] = new JsonObject { ["id"] = conversationId };
        var body = JsonSerializer.SerializeToUtf8Bytes(activity);

        var started = Stopwatch.GetTimestamp();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await http.PostAsync(messagesUri, content, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new JourneyCheckException($"{turn.Name}: HTTP {(int)response.StatusCode}");
        }

        var replies = Replies(bytes);
        return turn.Completes(replies)
            ? (replies, ms)
            : throw new JourneyCheckException($"{turn.Name}: unexpected replies {Truncate(System.Text.Encoding.UTF8.GetString(bytes))}");
    }

    /// <summary>Runs every turn of <paramref name="journey"/> in order; returns each turn's milliseconds.</summary>
    public async Task<double[]> RunAsync(HttpJourney journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var times = new double[journey.Turns.Count];
        IReadOnlyList<JsonElement> previous = [];
        for (var index = 0; index < journey.Turns.Count; index++)
        {
            (previous, times[index]) = await SendAsync(journey.Turns[index], previous, cancellationToken);
        }

        return times;
    }

    private static JsonElement[] Replies(byte[] body)
    {
        if (body.Length == 0)
        {
            return [];
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("activities", out var activities) && activities.ValueKind == JsonValueKind.Array
            ? [.. activities.EnumerateArray().Select(activity => activity.Clone())]
            : [];
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
