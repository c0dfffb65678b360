using System.ComponentModel.DataAnnotations;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>When many people escalate the same error code at once, bound from <c>CaaBot:Helpdesk:Incidents</c>.</summary>
public sealed class IncidentOptions
{
    public const string SectionName = "CaaBot:Helpdesk:Incidents";

    /// <summary>Off: every escalation files its own ticket, as without incidents.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Escalations with one code within <see cref="Window"/> that open an incident (the one that reaches it joins it).</summary>
    [Range(2, 100_000)]
    public int Threshold { get; set; } = 10;

    /// <summary>The sliding window the <see cref="Threshold"/> is counted in.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Priority of the incident ticket (<c>low</c>, <c>normal</c>, <c>high</c>).</summary>
    [RegularExpression("^(low|normal|high)$")]
    public string Priority { get; set; } = "high";
}
