namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>Where sign-in may send the agent afterwards: a local path under <see cref="HelpdeskConsolePolicy.Prefix"/>, nothing else (no open redirect).</summary>
public static class ConsoleReturnUrl
{
    public const string Default = HelpdeskConsolePolicy.Prefix;

    /// <summary><paramref name="returnUrl"/> when it is a local console path; otherwise <see cref="Default"/>.</summary>
    public static string Sanitize(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048
            || returnUrl.Any(character => char.IsControl(character) || character == '\\')
            || !returnUrl.StartsWith(HelpdeskConsolePolicy.Prefix, StringComparison.Ordinal))
        {
            return Default;
        }

        // "/helpdesk" must be the whole first segment: "/helpdesk.evil.example" or "/helpdeskx" are not the console.
        var rest = returnUrl[HelpdeskConsolePolicy.Prefix.Length..];
        if (rest.Length > 0 && rest[0] is not ('/' or '?' or '#'))
        {
            return Default;
        }

        // Dot segments could climb out of the console ("/helpdesk/../chat"); the path must stay inside it.
        var path = rest.Split('?', '#')[0];
        if (path.Split('/').Any(segment => segment is "." or ".." || segment.Contains("%2e", StringComparison.OrdinalIgnoreCase) || segment.Contains("%2f", StringComparison.OrdinalIgnoreCase)))
        {
            return Default;
        }

        return Uri.TryCreate(returnUrl, UriKind.Relative, out _) ? returnUrl : Default;
    }
}
