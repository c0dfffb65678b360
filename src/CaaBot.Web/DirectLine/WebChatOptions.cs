using System.ComponentModel.DataAnnotations;

namespace CaaBot.Web.DirectLine;

/// <summary>Branding of the <c>/chat</c> page (<c>CaaBot:WebChat</c>). Every value is encoded into the page, never pasted.</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "CaaBot:WebChat";
    private const string ColourPattern = "^#[0-9a-fA-F]{6}$";

    /// <summary>Shown in the header and as the bot's name.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(80)]
    public string BotName { get; set; } = "CaaBot";

    /// <summary>The browser tab's title.</summary>
    [Required(AllowEmptyStrings = false)]
    [StringLength(120)]
    public string Title { get; set; } = "CaaBot · Teams sign-in help";

    /// <summary>Logo in the header and as the bot's avatar: a site path (<c>/img/logo.png</c>) or an https URL. Empty: initials.</summary>
    [StringLength(2048)]
    public string LogoUrl { get; set; } = string.Empty;

    /// <summary>Header, buttons and the user's bubbles.</summary>
    [RegularExpression(ColourPattern)]
    public string AccentColor { get; set; } = "#464775";

    /// <summary>Text on the accent colour; keep the contrast at 4.5:1 or more.</summary>
    [RegularExpression(ColourPattern)]
    public string AccentTextColor { get; set; } = "#ffffff";

    /// <summary>The transcript's background.</summary>
    [RegularExpression(ColourPattern)]
    public string BackgroundColor { get; set; } = "#f5f5f5";

    /// <summary>The logo's address if it is usable: a site path or an absolute https URL; otherwise null.</summary>
    public Uri? SafeLogoUrl =>
        LogoUrl.StartsWith('/') && !LogoUrl.StartsWith("//", StringComparison.Ordinal) && Uri.TryCreate(LogoUrl, UriKind.Relative, out var relative) ? relative
        : Uri.TryCreate(LogoUrl, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps ? absolute
        : null;
}
