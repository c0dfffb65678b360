namespace CaaBot.Bot.Cards;

/// <summary>The next-day check: which case, what was fixed and by which step.</summary>
public sealed record FixFollowUpData(string CaseId, string PlaybookTitle, string StepTitle);
