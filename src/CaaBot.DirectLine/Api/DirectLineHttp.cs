using System.Globalization;
using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Tokens;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CaaBot.DirectLine.Api;

/// <summary>Request plumbing shared by the endpoints: bearer extraction, token checks, error bodies, URLs.</summary>
internal static class DirectLineHttp
{
    private const string BearerPrefix = "Bearer ";

    public static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header.Length > BearerPrefix.Length
            ? header[BearerPrefix.Length..].Trim()
            : null;
    }

    /// <summary>Direct Line error bodies: <c>{"error":{"code","message"}}</c>.</summary>
    public static IResult Error(int status, string code, string message) =>
        TypedResults.Json(new ErrorResponse(new ErrorDetail(code, message)), ProtocolJson.Options, statusCode: status);

    public static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, "BadArgument", "A valid Direct Line token is required.");

    public static IResult TokenExpired() => Error(StatusCodes.Status403Forbidden, "TokenExpired", "Token expired.");

    public static IResult NotFound() => Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.");

    /// <summary>Checks a token of <paramref name="kind"/> for <paramref name="conversationId"/>: 401 when not genuine, 403 when expired or for another conversation.</summary>
    public static (DirectLineToken? Token, IResult? Problem) Authorize(
        HttpContext context, string? presented, DirectLineTokenKind kind, string? conversationId, DirectLineTokenService tokens, ILogger logger)
    {
        var check = tokens.Check(presented, kind);
        var path = context.Request.Path.Value ?? string.Empty;
        switch (check.Status)
        {
            case TokenCheckStatus.Invalid:
                DirectLineLog.Refused(logger, path, "missing or invalid token");
                return (null, Unauthorized());
            case TokenCheckStatus.Expired:
                DirectLineLog.Refused(logger, path, "expired token");
                return (null, TokenExpired());
        }

        if (conversationId is not null && !string.Equals(check.Token!.ConversationId, conversationId, StringComparison.Ordinal))
        {
            DirectLineLog.Refused(logger, path, "token of another conversation");
            return (null, Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is not valid for this conversation."));
        }

        return (check.Token, null);
    }

    /// <summary>The conversation record, or 404 / 403 when it does not exist or belongs to another user.</summary>
    public static async Task<(ConversationRecord? Record, IResult? Problem)> FindConversationAsync(
        DirectLineConversations conversations, DirectLineToken token, CancellationToken cancellationToken)
    {
        var record = await conversations.FindAsync(token.ConversationId, cancellationToken);
        return record switch
        {
            null => (null, NotFound()),
            _ when !string.Equals(record.UserId, token.UserId, StringComparison.Ordinal) =>
                (null, Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is not valid for this conversation.")),
            _ => (record, null),
        };
    }

    /// <summary>The origin browsers reach this host on: configured <c>PublicUrl</c>, else the request's.</summary>
    public static Uri PublicBase(HttpRequest request, DirectLineOptions options) =>
        Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var configured)
            ? new Uri(configured.GetLeftPart(UriPartial.Authority) + configured.AbsolutePath.TrimEnd('/') + "/")
            : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    public static string ServiceUrl(HttpRequest request, DirectLineOptions options) => PublicBase(request, options).AbsoluteUri;

    public static string StreamUrl(HttpRequest request, DirectLineOptions options, string conversationId, string streamToken, long? watermark)
    {
        var builder = new UriBuilder(new Uri(PublicBase(request, options), $"{DirectLineApi.BasePath.TrimStart('/')}/conversations/{Uri.EscapeDataString(conversationId)}/stream"));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        builder.Query = watermark is { } mark
            ? $"t={Uri.EscapeDataString(streamToken)}&watermark={mark.ToString(CultureInfo.InvariantCulture)}"
            : $"t={Uri.EscapeDataString(streamToken)}";
        return builder.Uri.AbsoluteUri;
    }

    /// <summary>Watermarks are strings on the wire; anything that is not a non-negative number means "from the start".</summary>
    public static long ParseWatermark(string? watermark) =>
        long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;

    public static string FormatWatermark(long watermark) => watermark.ToString(CultureInfo.InvariantCulture);
}
