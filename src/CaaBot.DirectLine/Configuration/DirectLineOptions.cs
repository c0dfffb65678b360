using System.ComponentModel.DataAnnotations;

namespace CaaBot.DirectLine.Configuration;

/// <summary>The <c>CaaBot:DirectLine</c> configuration section (environment: <c>CaaBot__DirectLine__Secret</c> and so on).</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "CaaBot:DirectLine";

    /// <summary>
    /// The Direct Line secret for server-to-server callers (an intranet back end minting tokens for its pages).
    /// Environment or secret store only; never sent to a browser. Empty: no secret is accepted.
    /// </summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>
    /// Key that signs tokens (HMAC-SHA256), at least 32 bytes of UTF-8 or base64 (prefix <c>base64:</c>). Every instance
    /// behind a load balancer needs the same key. Empty: a random key per process (tokens die with the process; a
    /// warning is logged).
    /// </summary>
    public string TokenSigningKey { get; set; } = string.Empty;

    /// <summary>How long a token lives; refresh before it ends.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the <c>t=</c> token of a streamUrl may wait before the WebSocket is opened.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan StreamTokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Empty frames sent on an idle WebSocket so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Browser origins (scheme://host[:port]) of intranet pages that may call the API or frame the chat page.</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// A request header set by the intranet's reverse proxy with the signed-in user (e.g. <c>X-Remote-User</c>).
    /// Only configure it when the proxy strips the header from what browsers send. Empty: not used.
    /// </summary>
    public string TrustedUserHeader { get; set; } = string.Empty;

    /// <summary>Issue tokens to visitors without any identity. Also on in Development.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Largest accepted activity, in bytes (the Direct Line service's limit is 256 KB).</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>Largest accepted upload request (all files together), in bytes.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Content types accepted as uploaded files (a screenshot of the error, a log).</summary>
    public IList<string> AllowedUploadContentTypes { get; } =
        ["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp", "text/plain", "application/pdf"];

    /// <summary>
    /// The address browsers use for this host (e.g. <c>https://caabot.intranet.example</c>) when a TLS-terminating
    /// proxy sits in front; streamUrls and serviceUrls are built from it. Empty: from the request.
    /// </summary>
    public string PublicUrl { get; set; } = string.Empty;

    /// <summary>The bot's account on this channel.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BotId { get; set; } = "caabot";

    [Required(AllowEmptyStrings = false)]
    public string BotName { get; set; } = "CaaBot";

    public DirectLineOidcOptions Oidc { get; set; } = new();

    public DirectLineRateLimitOptions RateLimit { get; set; } = new();
}
