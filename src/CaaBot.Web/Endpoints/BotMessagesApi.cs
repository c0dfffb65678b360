namespace CaaBot.Web.Endpoints;

/// <summary><c>POST /api/messages</c>: the Bot Connector endpoint (Teams, the Emulator, the Agents Playground).</summary>
public static class BotMessagesApi
{
    public static IEndpointRouteBuilder MapBotMessagesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", (HttpRequest request, BotMessageHandler handler, CancellationToken cancellationToken) =>
            handler.HandleAsync(request, cancellationToken));
        return endpoints;
    }
}
