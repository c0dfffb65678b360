using System.ComponentModel.DataAnnotations;

namespace CaaBot.DirectLine.Configuration;

/// <summary>Fixed-window request limits (<c>CaaBot:DirectLine:RateLimit</c>); excess requests get 429 with Retry-After.</summary>
public sealed class DirectLineRateLimitOptions
{
    /// <summary>Requests per window for one token (polling Web Chat makes about 60 a minute).</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerToken { get; set; } = 300;

    /// <summary>Requests per window from one client address (an office behind one proxy shares it).</summary>
    [Range(1, 10_000_000)]
    public int PermitsPerAddress { get; set; } = 6000;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
