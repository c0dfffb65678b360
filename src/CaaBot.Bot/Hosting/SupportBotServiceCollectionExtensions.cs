using CaaBot.Bot.Diagnostics;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.FollowUps;
using CaaBot.Bot.Guides;
using CaaBot.Bot.LiveChat;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Insights.Reports;
using CaaBot.Bot.Incidents;
using CaaBot.Bot.TicketUpdates;
using CaaBot.Conversations.Continuation;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Turns;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Conversations.Transcripts;
using CaaBot.Helpdesk.Hosting;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Bot.Hosting;

/// <summary>
/// Registers the support bot, its dialogs and the built-in helpdesk queue. The host provides the playbook catalog,
/// the stores, <see cref="ContinuationCodes"/> and the <see cref="Conversations.Scheduling.TurnScheduler"/>.
/// </summary>
public static class SupportBotServiceCollectionExtensions
{
    public static IServiceCollection AddCaaBotSupportBot(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddCaaBotHelpdesk();

        // Every turn is kept in the conversation's transcript stream: tickets carry it to the helpdesk.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IMiddleware, TranscriptLoggerMiddleware>());
        services.AddSingleton<PlaybookLibrary>();
        services.AddSingleton<ClockSkewCheck>();
        // Insight events for the helpdesk lead (one stream, written after each committed turn) and their reports.
        services.AddSingleton<InsightStream>();
        services.AddSingleton<InsightRecorder>();
        services.AddSingleton<InsightReports>();
        services.AddSingleton<TriageDialog>();
        services.AddSingleton<GuidedFixDialog>();
        services.AddSingleton<LiveChatConversation>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Helpdesk.Handoff.IHandoffObserver, LiveChatRelay>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Helpdesk.Handoff.IHandoffObserver, LiveChatInsights>());
        services.AddSingleton<EscalationDialog>();
        services.TryAddSingleton(new FollowUpOptions());
        services.AddSingleton<FixFollowUps>();
        services.TryAddSingleton<ProactiveTicketUpdates>();
        services.TryAddSingleton<ITicketUpdates>(provider => new IncidentTicketUpdates(
            provider.GetRequiredService<ProactiveTicketUpdates>(),
            provider.GetRequiredService<IncidentRecords>(),
            provider.GetRequiredService<Conversations.Scheduling.TurnScheduler>(),
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SupportDialog>();
        services.AddSingleton(provider => new DialogRunner(
            provider.GetRequiredService<SupportDialog>(),
            new DialogRunnerOptions
            {
                Interruptions = SupportInterruptions.Create(provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ContinuationCodes>(), provider.GetRequiredService<ITicketQueue>(), provider.GetRequiredService<FixFollowUps>(), provider.GetService<HelpdeskOutbox>()),
            },
            provider.GetRequiredService<ILogger<DialogRunner>>()));
        services.AddSingleton<IBot, SupportBot>();
        return services;
    }
}
