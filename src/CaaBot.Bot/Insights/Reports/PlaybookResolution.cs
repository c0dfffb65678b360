namespace CaaBot.Bot.Insights.Reports;

/// <summary>
/// Cases of one playbook (<c>none</c>: no guide fitted), how many the bot resolved without a person (a confirmed fix,
/// no ticket, no live agent), and how many went to the helpdesk.
/// </summary>
public sealed record PlaybookResolution(string Playbook, int Cases, int ResolvedWithoutPerson, int Escalated)
{
    /// <summary>Share of <see cref="Cases"/> resolved without a person, 0 to 1.</summary>
    public double ShareResolvedWithoutPerson => Cases == 0 ? 0 : (double)ResolvedWithoutPerson / Cases;
}
