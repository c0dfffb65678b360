using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>Reads a request's Authorization header the way the real systems do.</summary>
public static class BasicAuth
{
    /// <summary>The user and password of a Basic header, or null when the header is missing or not Basic.</summary>
    public static (string User, string Password)? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return null;
        }

        var colon = decoded.LastIndexOf(':');
        return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
    }

    public static string? Bearer(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && header.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? header.Parameter : null;
    }

    public static bool IsJson(HttpRequest request) =>
        request?.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true;
}
