using System.Security.Claims;
using CaaBot.Helpdesk.Handoff;

namespace CaaBot.Web.HelpdeskConsole.LiveChat;

/// <summary>The signed-in agent as the live chat knows them: a stable id for ownership, a name the user is told.</summary>
internal static class ConsoleAgent
{
    public static HandoffAgent? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") ?? user.Identity.Name;
        if (id is not { Length: > 0 })
        {
            return null;
        }

        var name = user.FindFirstValue("name") ?? user.FindFirstValue(ClaimTypes.GivenName) ?? user.Identity.Name ?? id;
        return new HandoffAgent(id, name, AgentChannel.Console);
    }
}
