namespace CaaBot.Helpdesk.Connectors.RequestTracker;

/// <summary>Settings of a <c>RequestTracker</c> connector (RT 5, REST 2.0). Secrets belong in the environment, never in a committed file.</summary>
public sealed class RequestTrackerSettings
{
    /// <summary>RT's web address, e.g. <c>https://rt.example.com/</c> (REST 2.0 lives under <c>REST/2.0/</c> below it).</summary>
    public Uri? BaseUrl { get; set; }

    public string Queue { get; set; } = "General";

    /// <summary>An RT auth token (<c>Authorization: token …</c>); preferred over user name and password.</summary>
    public string? Token { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Requestor when the user gave no email address; none when empty.</summary>
    public string? DefaultRequestor { get; set; }

    /// <summary>RT priorities for our <c>low</c>, <c>normal</c>, <c>high</c> (RT's own Low/Medium/High are 0/50/100).</summary>
    public int PriorityLow { get; set; }

    public int PriorityNormal { get; set; } = 50;

    public int PriorityHigh { get; set; } = 100;
}
