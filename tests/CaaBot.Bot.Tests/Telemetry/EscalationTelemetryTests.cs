using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CaaBot.Bot.Tests.Journeys;
using CaaBot.Conversations.Telemetry;

namespace CaaBot.Bot.Tests.Telemetry;

/// <summary>
/// <c>caabot.escalations</c> counts filed tickets. The meter listener is process-wide, so this class runs alone
/// (no other test files a ticket meanwhile).
/// </summary>
[Collection(nameof(ProcessWideListenerCollection))]
public sealed class EscalationTelemetryTests
{
    [Fact]
    public async Task Escalation_TicketFiledByATurnThatRanTwice_CountsOneEscalationTaggedByCodeFamilyAndPlaybook()
    {
        var escalations = new ConcurrentQueue<Dictionary<string, object?>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == CaaBotTelemetry.Name && instrument.Name == CaaBotTelemetry.EscalationsName)
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Assert.Equal(1, value);
            escalations.Enqueue(tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value, StringComparer.Ordinal));
        });
        listener.Start();

        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send("0xCAA30199")
            .AssertReplyContains("I don't have a guide for **0xCAA30199** yet")
            .AssertReply(Dialogs.TriageDialog.AskSymptomPrompt)
            .Send("it says something about a proxy and then gives up")
            .AssertReply(Dialogs.TriageDialog.AskPlatformPrompt)
            .Send("Windows PC")
            .AssertCard(JourneyCards.Containing("Which of these sounds like your problem?"))
            .Send("agent")
            .AssertReplyContains("let's get you to a person")
            .AssertCard(_ => Assert.Empty(escalations))
            .Do("make the filing turn lose a race once, so it runs twice", _ =>
            {
                bot.Store.FailNextConversationWrite();
                return Task.CompletedTask;
            })
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(JourneyCards.UpdateContaining("CAA-"))
            .AssertReplyContains("Your ticket number is")
            .StartTestAsync();

        Assert.Equal(1, bot.Store.InjectedConflicts);
        var escalation = Assert.Single(escalations);
        Assert.Equal("0xCAA3", escalation["caabot.error_code_family"]);
        Assert.Equal("none", escalation["caabot.playbook"]);
    }
}
