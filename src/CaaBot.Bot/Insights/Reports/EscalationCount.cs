namespace CaaBot.Bot.Insights.Reports;

/// <summary>Cases escalated to the helpdesk for one playbook and code (<c>none</c> where there was none).</summary>
public sealed record EscalationCount(string Playbook, string Code, int Escalations);
