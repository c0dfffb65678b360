namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>A customer request the fake Jira Service Management stored.</summary>
public sealed record JiraRequest(
    string IssueId,
    string IssueKey,
    string Summary,
    string Description,
    string? RaiseOnBehalfOf,
    string Status,
    string StatusCategory,
    IReadOnlyList<JiraAttachment> Attachments);
