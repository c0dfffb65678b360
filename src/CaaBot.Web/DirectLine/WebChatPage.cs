using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CaaBot.DirectLine.Configuration;

namespace CaaBot.Web.DirectLine;

/// <summary>
/// Renders <c>/chat</c>: static markup with the configured branding HTML-encoded, settings in a JSON data block (not
/// executed), scripts only from this origin, and a Content-Security-Policy that says so.
/// </summary>
public static class WebChatPage
{
    public static string Render(WebChatOptions branding, string pathBase)
    {
        var html = HtmlEncoder.Default;
        var logo = branding.SafeLogoUrl;
        // The default JSON encoder escapes <, > and & too, so the data block cannot be closed early.
        var settings = JsonSerializer.Serialize(new
        {
            basePath = pathBase,
            accentColor = branding.AccentColor,
            accentTextColor = branding.AccentTextColor,
            backgroundColor = branding.BackgroundColor,
            botInitials = Initials(branding.BotName),
            logoUrl = logo?.ToString(),
        });
        var logoImage = logo is null ? string.Empty : $"""<img src="{html.Encode(logo.ToString())}" alt="">""";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>{html.Encode(branding.Title)}</title>
            <link rel="stylesheet" href="{html.Encode(pathBase)}/chat/chat.css">
            <style>:root {"{"} --caabot-accent: {branding.AccentColor}; --caabot-accent-text: {branding.AccentTextColor}; --caabot-background: {branding.BackgroundColor}; {"}"}</style>
            <script type="application/json" id="caabot-webchat-config">{settings}</script>
            </head>
            <body>
            <header class="caabot-header">{logoImage}<h1>{html.Encode(branding.BotName)}</h1></header>
            <div id="caabot-status" role="status"></div>
            <main id="webchat" aria-label="{html.Encode($"Chat with {branding.BotName}")}"></main>
            <script src="{html.Encode(pathBase)}/chat/webchat.js"></script>
            <script src="{html.Encode(pathBase)}/chat/chat.js"></script>
            </body>
            </html>
            """;
    }

    /// <summary>Scripts from this origin only; Web Chat injects its styles at run time, hence inline styles.</summary>
    public static string ContentSecurityPolicy(HttpRequest request, WebChatOptions branding, DirectLineOptions directLine)
    {
        var host = request.Host.ToString();
        var socket = request.IsHttps ? $"wss://{host}" : $"ws://{host}";
        var images = branding.SafeLogoUrl is { IsAbsoluteUri: true } logo ? $" {logo.GetLeftPart(UriPartial.Authority)}" : string.Empty;
        var ancestors = string.Join(' ', directLine.AllowedOrigins.Select(origin => origin.TrimEnd('/')));
        return string.Create(CultureInfo.InvariantCulture,
            $"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{images}; "
            + $"font-src 'self' data:; media-src 'self' blob: data:; connect-src 'self' {socket}; "
            + $"frame-ancestors 'self'{(ancestors.Length > 0 ? " " + ancestors : string.Empty)}; base-uri 'none'; form-action 'none'");
    }

    private static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2).Select(word => char.ToUpperInvariant(word[0])));
}
