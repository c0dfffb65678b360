namespace CaaBot.Knowledge.Symptoms;

/// <summary>A playbook suggested for a user's description of their problem.</summary>
/// <param name="PlaybookId">The playbook's id.</param>
/// <param name="Confidence">0..1; the matches of one query never add up to more than 1, the rest is "none of these".</param>
/// <param name="MatchedTerms">Why: the user's words that matched, strongest first.</param>
/// <param name="ClosestSymptom">The playbook's symptom phrase that shares most with the user's text, if any.</param>
public sealed record SymptomMatch(
    string PlaybookId,
    double Confidence,
    IReadOnlyList<MatchedTerm> MatchedTerms,
    string? ClosestSymptom)
{
    /// <summary>One line for logs, tickets and test output.</summary>
    public string Explanation =>
        $"matched {string.Join(", ", MatchedTerms)}" + (ClosestSymptom is null ? string.Empty : $"; closest symptom: \"{ClosestSymptom}\"");
}
