using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CaaBot.Conversations.Telemetry;

/// <summary>
/// The bot's own traces and metrics, under the name <see cref="Name"/>. Instruments carry only low-cardinality tags
/// (channel, activity type, outcome, error-code family, playbook id): never user text, user ids or conversation ids.
/// Nothing is collected unless a listener (the OpenTelemetry SDK in the host, or a test) subscribes.
/// </summary>
public static class CaaBotTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>.</summary>
    public const string Name = "CaaBot";

    public const string TurnsName = "caabot.turns";
    public const string TurnDurationName = "caabot.turn.duration";
    public const string TurnErrorsName = "caabot.turn.errors";
    public const string EscalationsName = "caabot.escalations";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Turns run (duplicates skipped by redelivery detection are not counted), tagged by channel and activity type.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>(TurnsName, unit: "{turn}", description: "Turns run by the bot.");

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>(
        TurnDurationName, unit: "ms", description: "Time from receiving an activity to having committed its state and delivered its replies.");

    /// <summary>Turns in which the bot failed and the turn-error handler answered instead.</summary>
    public static readonly Counter<long> TurnErrors = Meter.CreateCounter<long>(TurnErrorsName, unit: "{turn}", description: "Turns that failed and were answered by the error handler.");

    public static readonly Counter<long> Escalations = Meter.CreateCounter<long>(
        EscalationsName, unit: "{ticket}", description: "Cases handed to the helpdesk, by error-code family and playbook.");

    /// <summary>
    /// The family of an error code as a metric tag: the first four hex digits of a <c>0x…</c> code (<c>0xCAA2</c>),
    /// <c>AADSTS</c>, <c>other</c> for anything else, <c>none</c> without a code. Bounded, so tags stay low-cardinality.
    /// </summary>
    public static string ErrorCodeFamily(string? errorCode)
    {
        if (string.IsNullOrWhiteSpace(errorCode))
        {
            return "none";
        }

        var code = errorCode.Trim();
        if (code.StartsWith("AADSTS", StringComparison.OrdinalIgnoreCase))
        {
            return "AADSTS";
        }

        return code.Length >= 6 && code.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && code.AsSpan(2, 4).ContainsOnlyHex()
            ? string.Concat("0x", code.AsSpan(2, 4).ToString().ToUpperInvariant())
            : "other";
    }

    private static bool ContainsOnlyHex(this ReadOnlySpan<char> value)
    {
        foreach (var character in value)
        {
            if (!char.IsAsciiHexDigit(character))
            {
                return false;
            }
        }

        return true;
    }
}
