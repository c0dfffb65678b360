using System.Text.Json.Serialization;

namespace CaaBot.Bot.Insights;

/// <summary>
/// One durable fact about a support case for the helpdesk lead's insights, appended to <see cref="InsightStream.Name"/>.
/// Holds ids, codes, counts and times only: never what the user typed, never who they are (<see cref="CaseKey"/> is a
/// one-way hash of the case id). Add a fact by deriving a record and listing it here with its discriminator.
/// </summary>
/// <param name="CaseKey">Groups the facts of one case; see <see cref="InsightCaseKey"/>.</param>
/// <param name="At">When it happened (the host's clock).</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(CaseStartedInsight), "caseStarted")]
[JsonDerivedType(typeof(StepAnsweredInsight), "stepAnswered")]
[JsonDerivedType(typeof(CaseFixedInsight), "fixed")]
[JsonDerivedType(typeof(CaseEscalatedInsight), "escalated")]
[JsonDerivedType(typeof(CaseRatedInsight), "rated")]
[JsonDerivedType(typeof(HandedToAgentInsight), "handedToAgent")]
[JsonDerivedType(typeof(AgentClosedInsight), "agentClosed")]
public abstract record InsightEvent(string CaseKey, DateTimeOffset At);
