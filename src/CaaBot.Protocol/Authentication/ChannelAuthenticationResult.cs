namespace CaaBot.Protocol.Authentication;

/// <summary>The verdict on an inbound request's credentials.</summary>
/// <param name="IsAuthenticated">True when the request may reach the bot.</param>
/// <param name="FailureReason">Why it was refused, for logs (never shown to the caller in detail).</param>
/// <param name="IsForbidden">The token was valid but not for this request (403 rather than 401).</param>
public sealed record ChannelAuthenticationResult(bool IsAuthenticated, string? FailureReason = null, bool IsForbidden = false)
{
    public static ChannelAuthenticationResult Success { get; } = new(true);

    public static ChannelAuthenticationResult Unauthorized(string reason) => new(false, reason);

    public static ChannelAuthenticationResult Forbidden(string reason) => new(false, reason, IsForbidden: true);
}
