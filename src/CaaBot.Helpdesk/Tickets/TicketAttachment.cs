namespace CaaBot.Helpdesk.Tickets;

/// <summary>
/// A file the user shared during the case (a screenshot of the error, a log), by reference: the channel keeps the
/// bytes (the Direct Line upload store, Teams' file storage) and <paramref name="ContentUrl"/> says where.
/// </summary>
/// <param name="ContentUrl">An absolute http(s) address; anything else is dropped when the request is stored.</param>
public sealed record TicketAttachment(string Name, string ContentType, string ContentUrl, DateTimeOffset SharedAt);
