namespace CaaBot.Bot.Support;

/// <summary>A file the user shared in the chat, kept by reference with the case so it reaches the ticket.</summary>
public sealed record CaseAttachment(string Name, string ContentType, string ContentUrl, DateTimeOffset SharedAt);
