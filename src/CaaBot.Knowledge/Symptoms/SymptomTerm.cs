namespace CaaBot.Knowledge.Symptoms;

/// <summary>One unit of analysed text: a stem (<c>spin</c>) or a concept (<c>@stuck</c>), with the words it came from.</summary>
/// <param name="Key">What is compared: a stem, or <c>@</c> + a concept name.</param>
/// <param name="Surface">The normalized words it was read from (typos already corrected).</param>
/// <param name="CorrectedFrom">The word as typed when it was read as a typo of a known word.</param>
internal readonly record struct SymptomTerm(string Key, string Surface, string? CorrectedFrom)
{
    public bool IsConcept => Key.StartsWith('@');

    public string Meaning => IsConcept ? Key[1..] : Surface;
}
