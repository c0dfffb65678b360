using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CaaBot.Conversations.Telemetry;
using CaaBot.Web.Tests.Support;

namespace CaaBot.Web.Tests.Telemetry;

/// <summary>The <c>CaaBot</c> meter and activity source record real turns through the host, with bounded tags only.</summary>
public sealed class TurnTelemetryTests
{
    [Fact]
    public async Task Turn_ThroughTheHost_RecordsCountDurationAndASpanTaggedByChannelAndType()
    {
        // Listeners are process-wide and other tests run turns in parallel: only this test's conversation id is looked for
        // in spans, and measurements are counted on this test's own channel id.
        var channel = "telemetry-" + Guid.NewGuid().ToString("N")[..8];
        using var recorder = new InstrumentRecorder();
        using var host = new CaaBotHost();
        try
        {
            var activity = Activities.Message("c-telemetry", "1", "hi") with { ChannelId = channel };
            using var response = await Activities.PostAsync(host.CreateClient(), activity);
            response.EnsureSuccessStatusCode();

            var turns = recorder.Measurements(CaaBotTelemetry.TurnsName, channel);
            var turn = Assert.Single(turns);
            Assert.Equal(1d, turn.Value);
            Assert.Equal("message", turn.Tags["caabot.activity_type"]);
            var duration = Assert.Single(recorder.Measurements(CaaBotTelemetry.TurnDurationName, channel));
            Assert.InRange(duration.Value, 0d, 60_000d);
            Assert.Empty(recorder.Measurements(CaaBotTelemetry.TurnErrorsName, channel));

            var span = Assert.Single(recorder.Spans, span => Equals(span.GetTagItem("caabot.channel"), channel));
            Assert.Equal("caabot.turn", span.OperationName);
            Assert.Equal("message", span.GetTagItem("caabot.activity_type"));
            Assert.NotNull(span.GetTagItem("caabot.correlation_id"));
            Assert.NotEqual(ActivityStatusCode.Error, span.Status);
            // Tags never carry user text or ids.
            Assert.DoesNotContain(span.TagObjects, tag => Equals(tag.Value, "hi") || Equals(tag.Value, "c-telemetry") || Equals(tag.Value, "user-1"));
        }
        finally
        {
            host.DeleteData();
        }
    }

    [Theory]
    [InlineData("0xCAA20003", "0xCAA2")]
    [InlineData("0xcaa70004", "0xCAA7")]
    [InlineData("AADSTS50076", "AADSTS")]
    [InlineData("-895352829", "other")]
    [InlineData(null, "none")]
    [InlineData("  ", "none")]
    public void ErrorCodeFamily_IsBounded(string? code, string family) => Assert.Equal(family, CaaBotTelemetry.ErrorCodeFamily(code));

    /// <summary>Subscribes to the <c>CaaBot</c> meter and activity source for the lifetime of one test.</summary>
    private sealed class InstrumentRecorder : IDisposable
    {
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _spans;
        private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

        public InstrumentRecorder()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CaaBotTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
            _meters.Start();
            _spans = new ActivityListener
            {
                ShouldListenTo = source => source.Name == CaaBotTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = Spans.Enqueue,
            };
            ActivitySource.AddActivityListener(_spans);
        }

        public ConcurrentQueue<Activity> Spans { get; } = new();

        /// <summary>What one instrument recorded, for one channel (or all, for instruments without a channel tag).</summary>
        public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Measurements(string instrument, string? channel = null) =>
            [.. _measurements
                .Where(measurement => measurement.Instrument == instrument && (channel is null || Equals(measurement.Tags.GetValueOrDefault("caabot.channel"), channel)))
                .Select(measurement => (measurement.Value, measurement.Tags))];

        public void Dispose()
        {
            _meters.Dispose();
            _spans.Dispose();
        }

        private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copied = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value;
            }

            _measurements.Enqueue((instrument.Name, value, copied));
        }
    }
}
