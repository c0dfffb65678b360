using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Conversations.Continuation;

/// <summary>
/// Short, single-use, expiring codes that carry a piece of state from one conversation to another: a user who
/// cannot sign in anywhere else types the code shown on one device into the chat on another. Codes are 8 characters
/// from an alphabet without look-alikes or vowels (about 38 bits), stored in the document store so every instance
/// can redeem them, and deleted on first use. Wrong guesses are counted per instance and pause redemptions when
/// they pile up, so guessing a live code is hopeless.
/// </summary>
public sealed partial class ContinuationCodes(IDocumentStore store, TimeProvider timeProvider, ContinuationCodeOptions? options = null)
{
    /// <summary>No vowels (no words), no 0/O, 1/I/L: easy to read out and type on a phone.</summary>
    public const string Alphabet = "BCDFGHJKMNPQRSTVWXZ23456789";

    private const int HalfLength = 4;
    private const string KeyPrefix = "continuation/";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ContinuationCodeOptions _options = options ?? new ContinuationCodeOptions();
    private readonly Lock _guessGate = new();
    private readonly Queue<DateTimeOffset> _wrongGuesses = new();

    /// <summary>Stores <paramref name="payload"/> under a new code.</summary>
    public async Task<ContinuationCode> IssueAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var expiresAt = timeProvider.GetUtcNow() + _options.Lifetime;
        var record = JsonSerializer.SerializeToUtf8Bytes(new StoredCode(expiresAt, payload.ToArray()), JsonOptions);
        while (true)
        {
            var code = NewCode();
            try
            {
                await store.WriteAsync(KeyPrefix + code, record, WritePrecondition.MustNotExist, cancellationToken);
                return new ContinuationCode(Format(code), expiresAt);
            }
            catch (ConcurrencyConflictException)
            {
                // A live code already has these characters: draw again.
            }
        }
    }

    /// <summary>Takes the payload stored under <paramref name="typed"/> (any case, with or without the dash) and makes the code unusable.</summary>
    public async Task<ContinuationRedemption> RedeemAsync(string typed, CancellationToken cancellationToken)
    {
        if (IsThrottled())
        {
            return ContinuationRedemption.Throttled;
        }

        if (!TryNormalize(typed, out var code))
        {
            CountWrongGuess();
            return ContinuationRedemption.NotValid;
        }

        var stored = await store.ReadAsync(KeyPrefix + code, cancellationToken);
        StoredCode? record = null;
        try
        {
            record = stored is null ? null : JsonSerializer.Deserialize<StoredCode>(stored.Content.Span, JsonOptions);
        }
        catch (JsonException)
        {
            // Unreadable: treated as unknown.
        }

        // Single use: only the redemption that deletes this exact version gets the payload.
        var taken = stored is not null && await store.DeleteAsync(stored.Key, WritePrecondition.IfMatch(stored.ETag), cancellationToken);
        if (!taken || record is null || record.ExpiresAt < timeProvider.GetUtcNow())
        {
            CountWrongGuess();
            return ContinuationRedemption.NotValid;
        }

        return new ContinuationRedemption(ContinuationRedemptionStatus.Redeemed, record.Payload);
    }

    /// <summary>
    /// True when <paramref name="text"/> has the shape of a code (<c>KXRT-9M2Q</c>, optionally after "resume" or "code").
    /// Only the code alphabet counts, so error codes such as <c>CAA2-0003</c> are never taken for one.
    /// </summary>
    public static bool LooksLikeCode(string? text, [NotNullWhen(true)] out string? code)
    {
        var match = text is null ? null : CodeShape().Match(text.Trim());
        code = match is { Success: true } ? match.Groups["code"].Value : null;
        return code is not null;
    }

    private static bool TryNormalize(string typed, [NotNullWhen(true)] out string? code)
    {
        var builder = new StringBuilder(HalfLength * 2);
        foreach (var character in typed)
        {
            if (character is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(character);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal) || builder.Length == HalfLength * 2)
            {
                code = null;
                return false;
            }

            builder.Append(upper);
        }

        code = builder.Length == HalfLength * 2 ? builder.ToString() : null;
        return code is not null;
    }

    private static string NewCode()
    {
        Span<char> characters = stackalloc char[HalfLength * 2];
        for (var i = 0; i < characters.Length; i++)
        {
            characters[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(characters);
    }

    private static string Format(string code) => $"{code[..HalfLength]}-{code[HalfLength..]}";

    private bool IsThrottled()
    {
        lock (_guessGate)
        {
            Forget();
            return _wrongGuesses.Count >= _options.MaxWrongGuesses;
        }
    }

    private void CountWrongGuess()
    {
        lock (_guessGate)
        {
            Forget();
            _wrongGuesses.Enqueue(timeProvider.GetUtcNow());
        }
    }

    private void Forget()
    {
        var horizon = timeProvider.GetUtcNow() - _options.GuessWindow;
        while (_wrongGuesses.TryPeek(out var oldest) && oldest <= horizon)
        {
            _wrongGuesses.Dequeue();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:resume|continue|code)\s*:?\s+)?(?<code>[BCDFGHJKMNPQRSTVWXZ2-9]{4}-[BCDFGHJKMNPQRSTVWXZ2-9]{4})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CodeShape();

    private sealed record StoredCode(DateTimeOffset ExpiresAt, [property: JsonPropertyName("payload")] byte[] Payload);
}
