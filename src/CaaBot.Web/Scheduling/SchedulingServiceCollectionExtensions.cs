using CaaBot.Bot.FollowUps;
using CaaBot.Conversations.Scheduling;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Scheduling;

/// <summary>Registers the durable turn scheduler and its worker (<c>CaaBot:Scheduler</c>) and the next-day check's settings (<c>CaaBot:FollowUp</c>).</summary>
public static class SchedulingServiceCollectionExtensions
{
    public const string SectionName = "CaaBot:Scheduler";

    public static IServiceCollection AddCaaBotScheduling(this IServiceCollection services)
    {
        services.AddOptions<TurnSchedulerOptions>().BindConfiguration(SectionName)
            .Validate(Validates, "CaaBot:Scheduler: intervals must be positive, MaxRetryDelay at least FirstRetryDelay, MaxAttempts at least 1.")
            .ValidateOnStart();
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<TurnScheduler>(
            provider, provider.GetRequiredService<IOptions<TurnSchedulerOptions>>().Value));
        services.AddSingleton<IScheduledTurnDispatcher, ScheduledTurnDispatcher>();
        services.AddHostedService<ScheduledTurnWorker>();

        // The next-day check after a fix (CaaBot:FollowUp); the bot's own registration only adds defaults.
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.SectionName)
            .Validate(
                options => TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone, out _),
                "CaaBot:FollowUp:DefaultTimeZone is not a time zone this machine knows (use an IANA id such as Europe/London).")
            .ValidateOnStart();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<FollowUpOptions>>().Value);
        return services;
    }

    private static bool Validates(TurnSchedulerOptions options)
    {
        try
        {
            options.Validate();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
