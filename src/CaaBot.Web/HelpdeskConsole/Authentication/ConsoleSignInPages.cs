using System.Text.Encodings.Web;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// The server-rendered pages of signing in and out: the sign-in form, the signed-in agent's account page, and the
/// landing page after an OpenID Connect round trip. Every inserted value is HTML-encoded; no script at all.
/// </summary>
public static class ConsoleSignInPages
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        <style>
          body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
          label, input, button { display: block; width: 100%; box-sizing: border-box; font-size: 1rem; }
          input { margin: .25rem 0 1rem; padding: .5rem; }
          button { padding: .6rem; cursor: pointer; }
          .error { color: #a4262c; border-left: 4px solid #a4262c; padding-left: .5rem; }
          .or { text-align: center; margin: 1.5rem 0; color: #666; }
        </style>
        """;

    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Scripts none, styles inline only, forms post only here and to the provider, never framed.</summary>
    public static string ContentSecurityPolicy(string? oidcAuthority)
    {
        var provider = Uri.TryCreate(oidcAuthority, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : string.Empty;
        return $"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'{provider}; frame-ancestors 'none'; base-uri 'none'";
    }

    public static string SignIn(SignInForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var hidden = Hidden(form.AntiforgeryFieldName, form.AntiforgeryToken) + Hidden("returnUrl", form.ReturnUrl);
        var error = form.Error is null ? string.Empty : $"""<p class="error" role="alert">{Html.Encode(form.Error)}</p>""";
        var local = !form.OffersLocalAccounts ? string.Empty : $"""
            <form method="post" action="{HelpdeskConsolePolicy.Prefix}/signin">
              {hidden}
              <label for="userName">User name</label>
              <input id="userName" name="userName" autocomplete="username" required value="{Html.Encode(form.UserName ?? string.Empty)}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Sign in</button>
            </form>
            """;
        var oidc = form.OidcProviderName is null ? string.Empty : $"""
            {(form.OffersLocalAccounts ? """<p class="or">or</p>""" : string.Empty)}
            <form method="post" action="{HelpdeskConsolePolicy.Prefix}/signin/oidc">
              {hidden}
              <button type="submit">Sign in with {Html.Encode(form.OidcProviderName)}</button>
            </form>
            """;
        return Page("Sign in", $"""
            <h1>Helpdesk console</h1>
            {error}
            {local}
            {oidc}
            """);
    }

    public static string NotConfigured() => Page("Sign-in not configured", """
        <h1>Helpdesk console</h1>
        <p class="error" role="alert">Sign-in is not configured for the helpdesk console, so nobody can sign in.</p>
        <p>An administrator configures local accounts (<code>CaaBot:Helpdesk:Console:Accounts</code>) or an OpenID Connect
        provider (<code>CaaBot:Helpdesk:Console:Oidc</code>); see the README, "Helpdesk console: signing in".</p>
        """);

    public static string Account(HelpdeskAgent agent, string antiforgeryFieldName, string antiforgeryToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return Page("Signed in", $"""
            <h1>Helpdesk console</h1>
            <p>Signed in as <strong>{Html.Encode(agent.DisplayName)}</strong> ({Html.Encode(agent.SignInMethod == "local" ? "local account" : "single sign-on")}).</p>
            <p><a href="{HelpdeskConsolePolicy.Prefix}">Open the console</a></p>
            <form method="post" action="{HelpdeskConsolePolicy.Prefix}/signout">
              {Hidden(antiforgeryFieldName, antiforgeryToken)}
              <button type="submit">Sign out</button>
            </form>
            """);
    }

    /// <summary>
    /// The provider's redirect back is a cross-site navigation, on which the browser withholds the SameSite=Strict
    /// session cookie; this page's own (same-site) navigation then carries it.
    /// </summary>
    public static string Landing(string returnUrl)
    {
        var target = Html.Encode(ConsoleReturnUrl.Sanitize(returnUrl));
        return Page("Signed in", $"""<p>Signed in. <a href="{target}">Continue to the helpdesk console</a>.</p>""", $"""<meta http-equiv="refresh" content="0;url={target}">""");
    }

    private static string Hidden(string name, string value) => $"""<input type="hidden" name="{Html.Encode(name)}" value="{Html.Encode(value)}">""";

    private static string Page(string title, string body, string head = "") => $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Html.Encode(title)} · CaaBot helpdesk</title>
        {head}
        {Style}
        </head>
        <body>
        {body}
        </body>
        </html>
        """;
}
