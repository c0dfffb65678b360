namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>The body of <c>GET /helpdesk/api/me</c>: who is signed in, and the antiforgery token the console's POSTs send back.</summary>
public sealed record AgentProfile(string Id, string DisplayName, string SignInMethod, string AntiforgeryHeader, string AntiforgeryToken);
