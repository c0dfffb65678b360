using CaaBot.Storage.Abstractions;

namespace CaaBot.Web.Endpoints;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: it can also reach its storage.</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => TypedResults.Ok(new HealthReport("alive")));
        endpoints.MapGet("/readyz", ReadyAsync);
        return endpoints;
    }

    private static async Task<IResult> ReadyAsync(IStorageHealthCheck storage, CancellationToken cancellationToken) =>
        await storage.IsReachableAsync(cancellationToken)
            ? TypedResults.Ok(new HealthReport("ready"))
            : TypedResults.Json(new HealthReport("storage unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);

    private sealed record HealthReport(string Status);
}
