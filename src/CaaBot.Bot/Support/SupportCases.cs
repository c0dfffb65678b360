using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Turns;

namespace CaaBot.Bot.Support;

/// <summary>Reads and writes the user's current <see cref="SupportCase"/> in user state.</summary>
public static class SupportCases
{
    /// <summary>An unfinished case older than this is not offered for resuming: the problem has surely moved on.</summary>
    public static readonly TimeSpan ResumeWindow = TimeSpan.FromDays(7);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly StateProperty<SupportCase?> Current = UserState.CreateProperty<SupportCase?>("supportCase", JsonOptions, static () => null);

    public static SupportCase? Get(ITurnContext turnContext) => Current.Get(turnContext);

    /// <summary>The current case, or a new one when there is none or it is closed.</summary>
    public static SupportCase GetOrStart(ITurnContext turnContext, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Get(turnContext) is { Status: not CaseStatus.Closed } open ? open : Start(turnContext, timeProvider);
    }

    /// <summary>Starts a fresh case, replacing whatever was there.</summary>
    public static SupportCase Start(ITurnContext turnContext, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        var started = new SupportCase($"{now:yyyyMMdd}-{turnContext.CorrelationId}", now);
        Set(turnContext, started, timeProvider);
        return started;
    }

    public static void Set(ITurnContext turnContext, SupportCase supportCase, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(supportCase);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Current.Set(turnContext, supportCase with { UpdatedAt = timeProvider.GetUtcNow() });
    }

    public static SupportCase Update(ITurnContext turnContext, TimeProvider timeProvider, Func<SupportCase, SupportCase> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var updated = change(Get(turnContext) ?? Start(turnContext, timeProvider));
        Set(turnContext, updated, timeProvider);
        return updated;
    }

    /// <summary>The case as bytes, to carry it to another conversation (a continuation code).</summary>
    public static byte[] ToPayload(SupportCase supportCase) => JsonSerializer.SerializeToUtf8Bytes(supportCase, JsonOptions);

    /// <summary>A case carried by <see cref="ToPayload"/>, or null when the bytes are not one.</summary>
    public static SupportCase? FromPayload(ReadOnlySpan<byte> payload)
    {
        try
        {
            return JsonSerializer.Deserialize<SupportCase>(payload, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The case to offer for resuming, if there is a recent unfinished guide.</summary>
    public static SupportCase? Resumable(ITurnContext turnContext, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Get(turnContext) is { CanResume: true } open
            && timeProvider.GetUtcNow() - (open.UpdatedAt ?? open.StartedAt) <= ResumeWindow
            ? open
            : null;
    }
}
