namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>A file attached to a fake Jira request, with whether customers can see it.</summary>
public sealed record JiraAttachment(string FileName, string ContentType, byte[] Bytes, bool IsPublic);
