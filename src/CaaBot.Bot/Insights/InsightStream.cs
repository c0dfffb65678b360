using System.Text.Json;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Bot.Insights;

/// <summary>The one stream all insight events are appended to, and how it is read back.</summary>
public sealed class InsightStream(IStreamStore store, ILogger<InsightStream> logger)
{
    public const string Name = "insights/events";

    private const int PageSize = 1000;

    public Task<long> AppendAsync(InsightEvent insight, CancellationToken cancellationToken) =>
        store.AppendAsync(Name, insight, InsightJson.Default.InsightEvent, cancellationToken);

    /// <summary>
    /// Every event, oldest first. An entry this version cannot read (written by a newer one with a fact it does not
    /// know) is skipped and logged, so an upgrade rolled back never breaks the report.
    /// </summary>
    public async Task<IReadOnlyList<InsightEvent>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var events = new List<InsightEvent>();
        var skipped = 0;
        for (long after = 0; ;)
        {
            var page = await store.ReadAsync(Name, after, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                try
                {
                    events.Add(entry.Deserialize(InsightJson.Default.InsightEvent));
                }
                catch (Exception exception) when (exception is JsonException or NotSupportedException)
                {
                    skipped++;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Sequence;
        }

        if (skipped > 0)
        {
            InsightsLog.UnreadableEventsSkipped(logger, skipped, Name);
        }

        return events;
    }
}
