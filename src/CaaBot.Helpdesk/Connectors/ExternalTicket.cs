namespace CaaBot.Helpdesk.Connectors;

/// <summary>A ticket as an external helpdesk system knows it.</summary>
/// <param name="Connector">The <see cref="IHelpdeskConnector.Name"/> that created it.</param>
/// <param name="Id">The system's own id (RT's <c>42</c>, ServiceNow's <c>sys_id</c>…), used to read it back.</param>
/// <param name="DisplayNumber">What agents call it and the user is shown (<c>RT #42</c>, <c>INC0010001</c>, <c>SUP-7</c>).</param>
/// <param name="Url">Where an agent opens it, when the system has such an address.</param>
public sealed record ExternalTicket(string Connector, string Id, string DisplayNumber, Uri? Url);
