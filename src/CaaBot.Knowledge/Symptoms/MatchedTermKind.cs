namespace CaaBot.Knowledge.Symptoms;

/// <summary>Why a piece of the user's text counted towards a playbook.</summary>
public enum MatchedTermKind
{
    /// <summary>The same word (after stemming) appears in the playbook.</summary>
    Word,

    /// <summary>A different word or phrase for the same idea ("pwd" for password, "again and again" for a loop).</summary>
    Synonym,

    /// <summary>A misspelt word read as the nearest known word, one edit away.</summary>
    Typo,

    /// <summary>Two neighbouring words that appear next to each other in one of the playbook's symptoms.</summary>
    Phrase,

    /// <summary>The playbook covers the platform the user named.</summary>
    Platform,
}
