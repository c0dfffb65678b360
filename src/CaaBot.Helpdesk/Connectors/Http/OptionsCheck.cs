using System.Net;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>Checks shared by the connectors' options; each problem becomes one message naming the configuration key.</summary>
internal static class OptionsCheck
{
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(5);

    public static void Name(string? name, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("Name is required (the connector's configuration name, e.g. 'servicenow').");
        }
    }

    /// <summary>An absolute https address (plain http only to this machine, for tests and local relays), without query or fragment.</summary>
    public static void BaseUrl(string key, Uri? url, string example, List<string> problems)
    {
        if (url is null)
        {
            problems.Add($"{key} is required (e.g. {example}).");
            return;
        }

        if (!url.IsAbsoluteUri)
        {
            problems.Add($"{key} must be an absolute address (e.g. {example}).");
            return;
        }

        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host, out var address) && IPAddress.IsLoopback(address));
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopback))
        {
            problems.Add($"{key} must use https (plain http is accepted only for localhost); got '{url.Scheme}'.");
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            problems.Add($"{key} must not contain a query, a fragment or credentials; put credentials in their own keys.");
        }
    }

    public static void Required(string key, string? value, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{key} is required ({what}).");
        }
    }

    public static void Timeout(TimeSpan timeout, List<string> problems)
    {
        if (timeout <= TimeSpan.Zero || timeout > MaxTimeout)
        {
            problems.Add($"Timeout must be more than 0 and at most {MaxTimeout} (got {timeout}).");
        }
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every problem, or returns when there is none.</summary>
    public static void ThrowIfAny(string system, string? name, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The {system} connector '{name}' is not configured correctly: " + string.Join(" ", problems));
        }
    }

    /// <summary>The base address with exactly one trailing slash, so relative paths append to it.</summary>
    public static Uri WithTrailingSlash(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
}
