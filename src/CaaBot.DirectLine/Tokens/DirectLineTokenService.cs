using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaaBot.DirectLine.Configuration;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Tokens;

/// <summary>
/// Mints and checks tokens: <c>dl1.{payload}.{signature}</c>, the payload being base64url JSON (kind, conversation,
/// user, expiry) and the signature HMAC-SHA256 over <c>dl1.{payload}</c> with the configured key. Stateless, so any
/// instance that has the same key accepts a token another one issued. Tokens are never logged.
/// </summary>
public sealed class DirectLineTokenService
{
    private const string Prefix = "dl1.";
    private const int MinimumKeyBytes = 32;

    private readonly byte[] _key;
    private readonly DirectLineOptions _options;
    private readonly TimeProvider _timeProvider;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider timeProvider, ILogger<DirectLineTokenService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        (_options, _timeProvider) = (options.Value, timeProvider);
        if (string.IsNullOrEmpty(_options.TokenSigningKey))
        {
            DirectLineLog.RandomSigningKey(logger);
            _key = RandomNumberGenerator.GetBytes(MinimumKeyBytes);
        }
        else
        {
            _key = ParseKey(_options.TokenSigningKey);
        }
    }

    public TimeSpan Lifetime => _options.TokenLifetime;

    /// <summary>A conversation token for <paramref name="userId"/> in <paramref name="conversationId"/>, valid for <see cref="Lifetime"/>.</summary>
    public (string Token, DirectLineToken Claims) IssueConversationToken(string conversationId, string userId, string? userName) =>
        Issue(new DirectLineToken(DirectLineTokenKind.Conversation, conversationId, userId, userName, _timeProvider.GetUtcNow() + _options.TokenLifetime));

    /// <summary>A short-lived token that opens the WebSocket of <paramref name="claims"/>' conversation.</summary>
    public string IssueStreamToken(DirectLineToken claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        return Issue(claims with { Kind = DirectLineTokenKind.Stream, ExpiresAt = _timeProvider.GetUtcNow() + _options.StreamTokenLifetime }).Token;
    }

    public TokenCheck Check(string? token, DirectLineTokenKind expectedKind)
    {
        if (string.IsNullOrEmpty(token) || !token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 4096)
        {
            return TokenCheck.Invalid;
        }

        var dot = token.LastIndexOf('.');
        if (dot <= Prefix.Length)
        {
            return TokenCheck.Invalid;
        }

        byte[] signature;
        byte[] payload;
        try
        {
            signature = WebEncoders.Base64UrlDecode(token, dot + 1, token.Length - dot - 1);
            payload = WebEncoders.Base64UrlDecode(token, Prefix.Length, dot - Prefix.Length);
        }
        catch (FormatException)
        {
            return TokenCheck.Invalid;
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(token.AsSpan(0, dot))))
        {
            return TokenCheck.Invalid;
        }

        TokenPayload? claims;
        try
        {
            claims = JsonSerializer.Deserialize(payload, DirectLineJsonContext.Default.TokenPayload);
        }
        catch (JsonException)
        {
            return TokenCheck.Invalid;
        }

        if (claims is null || claims.Kind != KindCode(expectedKind) || string.IsNullOrEmpty(claims.Conversation) || string.IsNullOrEmpty(claims.User))
        {
            return TokenCheck.Invalid;
        }

        var read = new DirectLineToken(expectedKind, claims.Conversation, claims.User, claims.Name, DateTimeOffset.FromUnixTimeSeconds(claims.Expires));
        return _timeProvider.GetUtcNow() >= read.ExpiresAt
            ? new TokenCheck(TokenCheckStatus.Expired, read)
            : new TokenCheck(TokenCheckStatus.Valid, read);
    }

    private (string Token, DirectLineToken Claims) Issue(DirectLineToken claims)
    {
        var payload = new TokenPayload(KindCode(claims.Kind), claims.ConversationId, claims.UserId, claims.UserName, claims.ExpiresAt.ToUnixTimeSeconds());
        var unsigned = Prefix + WebEncoders.Base64UrlEncode(JsonSerializer.SerializeToUtf8Bytes(payload, DirectLineJsonContext.Default.TokenPayload));
        return ($"{unsigned}.{WebEncoders.Base64UrlEncode(Sign(unsigned))}", claims with { ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.Expires) });
    }

    private byte[] Sign(ReadOnlySpan<char> unsigned)
    {
        var bytes = Encoding.ASCII.GetBytes(unsigned.ToArray());
        return HMACSHA256.HashData(_key, bytes);
    }

    private static string KindCode(DirectLineTokenKind kind) => kind == DirectLineTokenKind.Stream ? "s" : "c";

    private static byte[] ParseKey(string configured)
    {
        var key = configured.StartsWith("base64:", StringComparison.Ordinal)
            ? Convert.FromBase64String(configured["base64:".Length..])
            : Encoding.UTF8.GetBytes(configured);
        return key.Length >= MinimumKeyBytes
            ? key
            : throw new OptionsValidationException(
                DirectLineOptions.SectionName, typeof(DirectLineOptions), [$"TokenSigningKey must hold at least {MinimumKeyBytes} bytes."]);
    }
}
