using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaaBot.Helpdesk.Connectors.Webhook;

/// <summary>
/// The signature CaaBot puts on (and expects on) webhook requests, version 1:
/// <c>X-CaaBot-Timestamp: &lt;Unix seconds&gt;</c> and
/// <c>X-CaaBot-Signature: sha256=&lt;lowercase hex HMAC-SHA256&gt;</c>, keyed with the UTF-8 bytes of the shared secret,
/// over the UTF-8 timestamp, one <c>.</c> and the exact body bytes (<c>{timestamp}.{body}</c>).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-CaaBot-Signature";
    public const string TimestampHeader = "X-CaaBot-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string EventHeader = "X-CaaBot-Event";
    public const string Prefix = "sha256=";

    /// <summary>The value of <see cref="SignatureHeader"/> for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Compute(Encoding.UTF8.GetBytes(secret), timestamp, body));

    internal static byte[] Compute(byte[] key, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
