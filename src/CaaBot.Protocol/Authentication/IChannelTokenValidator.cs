using CaaBot.Protocol.Schema;

namespace CaaBot.Protocol.Authentication;

/// <summary>Decides whether an inbound request really comes from a Bot Framework channel.</summary>
public interface IChannelTokenValidator
{
    /// <summary>
    /// Validates the request's <c>Authorization</c> header for <paramref name="activity"/>.
    /// Never throws for a bad token: the result says why it was refused.
    /// </summary>
    Task<ChannelAuthenticationResult> ValidateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}
