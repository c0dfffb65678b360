namespace CaaBot.Bot.Dialogs;

/// <summary>How the user wants to start: with a code, with a description, or with a person.</summary>
public enum TriageRoute
{
    Undecided,
    Code,
    Symptom,
    Person,
}
