namespace CaaBot.Knowledge.Symptoms;

/// <summary>One reason a playbook was suggested, in terms a person can check.</summary>
/// <param name="UserWords">The words as the user wrote them (lower case, punctuation removed).</param>
/// <param name="Meaning">What they were read as: the word itself, the concept, or the corrected spelling.</param>
/// <param name="Kind">How the words were matched.</param>
public sealed record MatchedTerm(string UserWords, string Meaning, MatchedTermKind Kind)
{
    /// <summary>A short human-readable form, e.g. <c>"pwd" (= password)</c>.</summary>
    public override string ToString() => Kind switch
    {
        MatchedTermKind.Word or MatchedTermKind.Phrase => $"\"{UserWords}\"",
        MatchedTermKind.Typo => $"\"{UserWords}\" (read as {Meaning})",
        MatchedTermKind.Platform => $"platform {Meaning}",
        _ => $"\"{UserWords}\" (= {Meaning})",
    };
}
