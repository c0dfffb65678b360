using System.ComponentModel.DataAnnotations;

namespace CaaBot.Protocol.Connector;

/// <summary>Timeouts and retry limits of <see cref="ConnectorClient"/> (configuration section <c>Connector</c>).</summary>
public sealed class ConnectorClientOptions : IValidatableObject
{
    public const string SectionName = "Connector";

    /// <summary>Attempts per call, the first one included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Backoff before the first retry when the channel gave no <c>Retry-After</c>; doubles per retry, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest single wait between attempts, <c>Retry-After</c> included.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Budget of one HTTP attempt (token, request, response body); an attempt that runs out is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Budget of the whole call, waits included; past it the call fails instead of retrying.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxDelay < BaseDelay)
        {
            yield return new ValidationResult("MaxDelay must not be shorter than BaseDelay.", [nameof(MaxDelay), nameof(BaseDelay)]);
        }
    }

    /// <summary>Throws <see cref="ValidationException"/> when a value is out of range.</summary>
    public void EnsureValid() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
