using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CaaBot.Conversations.Telemetry;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Tests.Fixtures;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Telemetry;

/// <summary>What <see cref="TurnProcessor"/> records per turn; each test uses its own channel id, as listeners are process-wide.</summary>
public sealed class TurnInstrumentsTests
{
    [Fact]
    public async Task ProcessAsync_BotThrows_CountsAnErrorAndMarksTheSpan()
    {
        var channel = "instruments-" + Guid.NewGuid().ToString("N")[..8];
        var measurements = new ConcurrentQueue<(string Instrument, object? Channel)>();
        var spans = new ConcurrentQueue<Activity>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CaaBotTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, ChannelOf(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, ChannelOf(tags))));
        meters.Start();
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CaaBotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(activities);

        var failOnce = true;
        var bot = new DelegateBot(async (turn, token) =>
        {
            if (failOnce)
            {
                failOnce = false;
                throw new InvalidOperationException("boom");
            }

            await turn.SendActivityAsync(MessageFactory.Text("fine"), token);
        });
        await new TestFlow(new TestAdapter(new TestAdapterOptions { ChannelId = channel }), bot)
            .Send("first").AssertReplyContains("Sorry, something went wrong")
            .Send("second").AssertReply("fine")
            .StartTestAsync();

        var ours = measurements.Where(measurement => Equals(measurement.Channel, channel)).Select(measurement => measurement.Instrument).ToList();
        Assert.Equal(2, ours.Count(name => name == CaaBotTelemetry.TurnsName));
        Assert.Equal(2, ours.Count(name => name == CaaBotTelemetry.TurnDurationName));
        Assert.Equal(1, ours.Count(name => name == CaaBotTelemetry.TurnErrorsName));
        var turnSpans = spans.Where(span => Equals(span.GetTagItem("caabot.channel"), channel)).ToList();
        Assert.Equal(2, turnSpans.Count);
        Assert.Equal([ActivityStatusCode.Error, ActivityStatusCode.Unset], turnSpans.Select(span => span.Status));
    }

    private static object? ChannelOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "caabot.channel")
            {
                return tag.Value;
            }
        }

        return null;
    }
}
