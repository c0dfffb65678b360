using System.Globalization;
using System.Text;
using System.Text.Json;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.Transcripts;

/// <summary>
/// Builds a <see cref="TicketTranscript"/> from a conversation's transcript stream (what the transcript-logging
/// middleware appends: each entry a turn's activities as protocol JSON, <see cref="TranscriptEntryJson"/>). Reads up to a given entry, so a ticket carries
/// the conversation as it was when it was filed, however long the user goes on chatting.
/// </summary>
public sealed class TicketTranscriptReader(IStreamStore streams)
{
    /// <summary>The most entries (turns) a transcript holds (the newest ones; a line says how many were left out).</summary>
    public const int MaxActivities = 2_000;

    /// <summary>The longest text kept of one message.</summary>
    public const int MaxMessageLength = 200_000;

    private const int PageSize = 200;

    private readonly IStreamStore _streams = streams ?? throw new ArgumentNullException(nameof(streams));

    /// <summary>The transcript of <paramref name="stream"/> up to and including entry <paramref name="upTo"/>; empty when there is no stream.</summary>
    public async Task<TicketTranscript> ReadAsync(string? stream, long upTo, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(stream) || upTo <= 0)
        {
            return TicketTranscript.Empty;
        }

        var after = Math.Max(0, upTo - MaxActivities);
        var payloads = new List<ReadOnlyMemory<byte>>();
        var text = new StringBuilder();
        if (after > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"({after} earlier turns left out)\n");
        }

        while (after < upTo)
        {
            var page = await _streams.ReadAsync(stream, after, (int)Math.Min(PageSize, upTo - after), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var entry in page.Where(entry => entry.Sequence <= upTo))
            {
                foreach (var json in Activities(entry.Payload))
                {
                    if (TryRead(json, out var activity))
                    {
                        payloads.Add(json);
                        AppendLine(text, activity);
                    }
                }
            }

            after = page[^1].Sequence;
        }

        return new TicketTranscript(text.ToString(), Json(payloads));
    }

    /// <summary>The activities of one entry (a turn's array, or one activity in entries written before turns were batched).</summary>
    private static IReadOnlyList<ReadOnlyMemory<byte>> Activities(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return TranscriptEntryJson.Split(payload);
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static bool TryRead(ReadOnlyMemory<byte> payload, out Activity activity)
    {
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(payload.Span, ProtocolJson.Options)!;
            return activity is not null;
        }
        catch (JsonException)
        {
            activity = null!;
            return false;
        }
    }

    private static void AppendLine(StringBuilder text, Activity activity)
    {
        var what = Describe(activity);
        if (what is null)
        {
            return;
        }

        var when = activity.Timestamp is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) + " " : string.Empty;
        var who = activity.From?.Role == RoleTypes.User ? "User" : "Bot";
        if (!string.IsNullOrWhiteSpace(activity.From?.Name) && who == "User")
        {
            who += $" ({OneLine(activity.From.Name, 100)})";
        }

        text.Append(when).Append(who).Append(": ").Append(what).Append('\n');
    }

    private static string? Describe(Activity activity)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(activity.Text))
        {
            parts.Add(activity.Text.Length <= MaxMessageLength ? activity.Text : activity.Text[..MaxMessageLength] + " … [truncated]");
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            parts.Add(attachment.ContentType.Contains("card", StringComparison.OrdinalIgnoreCase)
                ? "[card]"
                : $"[file: {OneLine(attachment.Name ?? attachment.ContentType, 200)}]");
        }

        if (activity.Type == ActivityTypes.Message && activity.Value is { ValueKind: JsonValueKind.Object } && string.IsNullOrEmpty(activity.Text))
        {
            parts.Add("[clicked a card button]");
        }

        if (parts.Count == 0)
        {
            return activity.Type switch
            {
                ActivityTypes.Message => null,
                ActivityTypes.MessageUpdate => "[replaced a card with a record of the answer]",
                ActivityTypes.ConversationUpdate or ActivityTypes.Typing or ActivityTypes.Event => null,
                _ => $"[{OneLine(activity.Type, 40)}]",
            };
        }

        return string.Join(" ", parts);
    }

    private static string OneLine(string text, int max)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..max];
    }

    private static byte[] Json(List<ReadOnlyMemory<byte>> payloads)
    {
        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'[');
        for (var i = 0; i < payloads.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(payloads[i].Span);
        }

        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }
}
