namespace CaaBot.Bot.Support;

public enum CaseStatus
{
    /// <summary>Finding out what the problem is.</summary>
    Triage,

    /// <summary>Walking through a guide's steps.</summary>
    Guiding,

    /// <summary>Preparing or filing a ticket.</summary>
    Escalating,

    /// <summary>Fixed, filed, or abandoned: nothing to resume.</summary>
    Closed,
}
