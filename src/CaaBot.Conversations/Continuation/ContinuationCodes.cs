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
/// can redeem them, and deleted on first use. Wrong guesses are counted per requester and per instance: a requester
/// who keeps getting codes wrong is paused first, and the instance pauses everyone only when wrong guesses pile up
/// across many requesters, so guessing a live code is hopeless and one person's typos do not lock out the others.
/// </summary>
public sealed partial class ContinuationCodes(IDocumentStore store, TimeProvider timeProvider, ContinuationCodeOptions? options = null)
{
    /// <summary>No vowels (no words), no 0/O, 1/I/L: easy to read out and type on a phone.</summary>
    public const string Alphabet = "BCDFGHJKMNPQRSTVWXZ23456789";

    private const int HalfLength = 4;
    private const string KeyPrefix = "continuation/";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly ContinuationCodeOptions _options = options ?? new ContinuationCodeOptions();
    /// <summary>Requesters remembered at once; beyond it the oldest are forgotten (the instance budget still holds).</summary>
    private const int MaxTrackedRequesters = 10_000;

    private readonly Lock _guessGate = new();
    private readonly Queue<DateTimeOffset> _wrongGuesses = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _wrongGuessesByRequester = new(StringComparer.Ordinal);

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

    /// <summary>
    /// Takes the payload stored under <paramref name="typed"/> (any case, with or without the dash) and makes the code
    /// unusable. <paramref name="requester"/> (the user's id) is who pays for a wrong guess.
    /// </summary>
    public async Task<ContinuationRedemption> RedeemAsync(string typed, string requester, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(requester);
        if (IsThrottled(requester))
        {
            return ContinuationRedemption.Throttled;
        }

        if (!TryNormalize(typed, out var code))
        {
            CountWrongGuess(requester);
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
            CountWrongGuess(requester);
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

    private bool IsThrottled(string requester)
    {
        lock (_guessGate)
        {
            var now = timeProvider.GetUtcNow();
            Forget(_wrongGuesses, now - _options.GuessWindow);
            if (_wrongGuesses.Count >= _options.MaxWrongGuesses)
            {
                return true;
            }

            if (!_wrongGuessesByRequester.TryGetValue(requester, out var own))
            {
                return false;
            }

            Forget(own, now - _options.RequesterGuessWindow);
            return own.Count >= _options.MaxWrongGuessesPerRequester;
        }
    }

    private void CountWrongGuess(string requester)
    {
        lock (_guessGate)
        {
            var now = timeProvider.GetUtcNow();
            Forget(_wrongGuesses, now - _options.GuessWindow);
            _wrongGuesses.Enqueue(now);
            if (!_wrongGuessesByRequester.TryGetValue(requester, out var own))
            {
                if (_wrongGuessesByRequester.Count >= MaxTrackedRequesters)
                {
                    ForgetQuietRequesters(now - _options.RequesterGuessWindow);
                }

                own = new Queue<DateTimeOffset>();
                _wrongGuessesByRequester[requester] = own;
            }

            Forget(own, now - _options.RequesterGuessWindow);
            own.Enqueue(now);
        }
    }

    /// <summary>Drops requesters with no recent wrong guess; if all are recent, the whole table (memory stays bounded).</summary>
    private void ForgetQuietRequesters(DateTimeOffset horizon)
    {
        foreach (var (requester, guesses) in _wrongGuessesByRequester.ToList())
        {
            Forget(guesses, horizon);
            if (guesses.Count == 0)
            {
                _wrongGuessesByRequester.Remove(requester);
            }
        }

        if (_wrongGuessesByRequester.Count >= MaxTrackedRequesters)
        {
            _wrongGuessesByRequester.Clear();
        }
    }

    private static void Forget(Queue<DateTimeOffset> guesses, DateTimeOffset horizon)
    {
        while (guesses.TryPeek(out var oldest) && oldest <= horizon)
        {
            guesses.Dequeue();
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:resume|continue|code)\s*:?\s+)?(?<code>[BCDFGHJKMNPQRSTVWXZ2-9]{4}-[BCDFGHJKMNPQRSTVWXZ2-9]{4})$", System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex CodeShape();

    private sealed record StoredCode(DateTimeOffset ExpiresAt, [property: JsonPropertyName("payload")] byte[] Payload);
}
