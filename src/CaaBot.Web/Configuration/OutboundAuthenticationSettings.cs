using System.ComponentModel.DataAnnotations;

namespace CaaBot.Web.Configuration;

/// <summary>
/// The <c>CaaBot:OutboundAuthentication</c> section: how the bot obtains tokens for its replies, beyond the
/// <c>MicrosoftApp*</c> keys. Only read when <c>MicrosoftAppId</c> is set.
/// </summary>
public sealed class OutboundAuthenticationSettings
{
    public const string SectionName = "CaaBot:OutboundAuthentication";

    /// <summary>A PFX file with the app's certificate and private key, used instead of <c>MicrosoftAppPassword</c>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PFX file's password (environment only).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Entra's sign-in host (another national cloud, or a test's).</summary>
    [Required]
    public Uri AuthorityHost { get; set; } = new("https://login.microsoftonline.com/");

    [Required]
    public string Scope { get; set; } = Protocol.Authentication.BotConnectorCredentials.BotFrameworkScope;

    /// <summary>How long a channel host stays trusted for the bot's token after the last authenticated request from it.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan TrustLifetime { get; set; } = TimeSpan.FromDays(30);
}
