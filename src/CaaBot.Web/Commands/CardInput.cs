namespace CaaBot.Web.Commands;

/// <summary>An Adaptive Card <c>Input.*</c> element, as far as the terminal needs it to prompt for a value.</summary>
/// <param name="Id">The key its value is submitted under.</param>
/// <param name="Type">Input.Text, Input.Number, Input.Date, Input.Time, Input.Toggle or Input.ChoiceSet.</param>
/// <param name="Label">The label, placeholder or title the card shows (the id when it shows none).</param>
/// <param name="DefaultValue">The card's preset value, submitted when the user leaves the prompt empty.</param>
/// <param name="Choices">Input.ChoiceSet: title and value of each choice; Input.Toggle: the on and off values.</param>
/// <param name="IsMultiSelect">Input.ChoiceSet that accepts several choices (submitted comma-separated).</param>
internal sealed record CardInput(
    string Id,
    string Type,
    string Label,
    string? DefaultValue,
    IReadOnlyList<KeyValuePair<string, string>> Choices,
    bool IsMultiSelect);
