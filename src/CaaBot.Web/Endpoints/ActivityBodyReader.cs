using System.Text.Json;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Endpoints;

/// <summary>Reads an activity from a request body within a size limit, turning every kind of bad input into a problem, never an exception.</summary>
internal static class ActivityBodyReader
{
    public static async Task<(Activity? Activity, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (!IsJson(request.ContentType))
        {
            return (null, TypedResults.Problem(
                title: "Unsupported content type",
                detail: "Send the activity as application/json.",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        using var body = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            body.Write(chunk, 0, read);
        }

        try
        {
            var activity = JsonSerializer.Deserialize<Activity>(body.GetBuffer().AsSpan(0, (int)body.Length), ProtocolJson.Options);
            return activity is null || string.IsNullOrWhiteSpace(activity.Type)
                ? (null, BadActivity("The body must be an activity object with a 'type'."))
                : (activity, null);
        }
        catch (JsonException exception)
        {
            // The position helps the channel's developer; the parser's own message may echo input, so it stays out.
            var where = exception.LineNumber is { } line ? $" (line {line + 1}, byte {exception.BytePositionInLine + 1})" : string.Empty;
            return (null, BadActivity($"The body is not a valid activity{where}."));
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    private static IResult BadActivity(string detail) =>
        TypedResults.Problem(title: "Malformed activity", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static IResult TooLarge(int maxBytes) =>
        TypedResults.Problem(
            title: "Activity too large",
            detail: $"An activity may be at most {maxBytes} bytes.",
            statusCode: StatusCodes.Status413PayloadTooLarge);
}
