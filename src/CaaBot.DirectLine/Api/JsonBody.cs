using System.Text.Json;
using CaaBot.Protocol;
using Microsoft.AspNetCore.Http;

namespace CaaBot.DirectLine.Api;

/// <summary>Reads a JSON request body within a byte limit: too large → 413, not JSON → 415, malformed → 400.</summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, int maxBytes, bool optional, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        if (optional && request.ContentLength is null or 0 && request.ContentType is null)
        {
            return (null, null);
        }

        if (request.ContentType is not { } contentType
            || !(contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, DirectLineHttp.Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "Send JSON (application/json)."));
        }

        var buffer = new MemoryStream();
        await using (buffer)
        {
            var chunk = new byte[16 * 1024];
            for (int read; (read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0;)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                buffer.Write(chunk, 0, read);
            }

            if (optional && buffer.Length == 0)
            {
                return (null, null);
            }

            try
            {
                return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), ProtocolJson.Options) is { } value
                    ? (value, null)
                    : (null, Malformed());
            }
            catch (JsonException)
            {
                return (null, Malformed());
            }
        }
    }

    private static IResult Malformed() => DirectLineHttp.Error(StatusCodes.Status400BadRequest, "BadArgument", "The body is not valid JSON of the expected shape.");

    private static IResult TooLarge(int maxBytes) =>
        DirectLineHttp.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"At most {maxBytes} bytes are accepted.");
}
