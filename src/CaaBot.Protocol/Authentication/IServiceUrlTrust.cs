namespace CaaBot.Protocol.Authentication;

/// <summary>
/// The channel hosts the bot may send its token to: only those a validated inbound request came from. A forged
/// activity cannot make the bot hand its token to an attacker's <c>serviceUrl</c>, because forged activities never
/// pass validation and so never add a host.
/// </summary>
public interface IServiceUrlTrust
{
    /// <summary>Records that a request with a valid channel token named <paramref name="serviceUrl"/>.</summary>
    Task TrustAsync(Uri serviceUrl, CancellationToken cancellationToken);

    Task<bool> IsTrustedAsync(Uri serviceUrl, CancellationToken cancellationToken);
}
