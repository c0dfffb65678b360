using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.DirectLine.Api;

/// <summary>Maps the Direct Line 3.0 API under <c>/v3/directline</c>; CORS and rate limits apply to every route.</summary>
public static class DirectLineApi
{
    public const string BasePath = "/v3/directline";

    public static IEndpointRouteBuilder MapDirectLineApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(BasePath)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<DirectLineCorsFilter>())
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<DirectLineRateLimitFilter>())
            .DisableAntiforgery();

        group.MapMethods("/{**path}", [HttpMethods.Options], DirectLineCorsFilter.Preflight);
        group.MapPost("/tokens/generate", (HttpContext context, DirectLineEndpoints api, CancellationToken cancellationToken) =>
            api.GenerateTokenAsync(context, cancellationToken));
        group.MapPost("/tokens/refresh", (HttpContext context, DirectLineEndpoints api) => api.RefreshToken(context));
        group.MapPost("/conversations", (HttpContext context, DirectLineEndpoints api, CancellationToken cancellationToken) =>
            api.StartConversationAsync(context, cancellationToken));
        group.MapGet("/conversations/{conversationId}", (HttpContext context, string conversationId, string? watermark, DirectLineEndpoints api, CancellationToken cancellationToken) =>
            api.ReconnectAsync(context, conversationId, watermark, cancellationToken));
        group.MapGet("/conversations/{conversationId}/activities", (HttpContext context, string conversationId, string? watermark, DirectLineActivityEndpoints api, CancellationToken cancellationToken) =>
            api.GetAsync(context, conversationId, watermark, cancellationToken));
        group.MapPost("/conversations/{conversationId}/activities", (HttpContext context, string conversationId, DirectLineActivityEndpoints api, CancellationToken cancellationToken) =>
            api.PostAsync(context, conversationId, cancellationToken));
        group.MapPost("/conversations/{conversationId}/upload", (HttpContext context, string conversationId, DirectLineUploadEndpoints api, CancellationToken cancellationToken) =>
            api.UploadAsync(context, conversationId, cancellationToken));
        group.MapGet("/conversations/{conversationId}/attachments/{uploadId}", (HttpContext context, string conversationId, string uploadId, DirectLineUploadEndpoints api, CancellationToken cancellationToken) =>
            api.DownloadAsync(context, conversationId, uploadId, cancellationToken));
        group.MapGet("/conversations/{conversationId}/stream", (HttpContext context, string conversationId, string? t, string? watermark, DirectLineStreamEndpoint api) =>
            api.ConnectAsync(context, conversationId, t, watermark));
        // DirectLineJS asks for a session id (OAuth sign-in without magic code); none is needed here.
        group.MapGet("/session/getsessionid", () => TypedResults.Ok(new { sessionId = string.Empty }));
        return endpoints;
    }
}
