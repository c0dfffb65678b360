using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// The per-conversation lock made visible to every instance sharing the store: a lease document created with
/// <see cref="WritePrecondition.MustNotExist"/> and deleted when the turn ends. A turn that finds another instance's
/// lease waits (polling with back-off) until it is released or has expired, so a crashed holder blocks its
/// conversation for at most one lease lifetime. Without it, two instances could run turns of one conversation at once;
/// the conversation's ETag re-runs the loser, but user state (committed after the conversation) could lose the other
/// turn's change.
/// </summary>
internal sealed class ConversationTurnLease(IDocumentStore store, TimeProvider timeProvider, TimeSpan lifetime)
{
    private const string KeyPrefix = "turn-lease/";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMilliseconds(100);

    public async Task<Held> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var key = LeaseKey(conversationKey);
        var retry = FirstRetry;
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            var expiry = new byte[sizeof(long)];
            BinaryPrimitives.WriteInt64LittleEndian(expiry, (now + lifetime).ToUnixTimeMilliseconds());
            try
            {
                return new Held(store, key, await store.WriteAsync(key, expiry, WritePrecondition.MustNotExist, cancellationToken));
            }
            catch (ConcurrencyConflictException)
            {
                // Another turn of this conversation holds it (or held it and crashed): look at its expiry.
            }

            if (await store.ReadAsync(key, cancellationToken) is { } current && IsExpired(current, now))
            {
                try
                {
                    return new Held(store, key, await store.WriteAsync(key, expiry, WritePrecondition.IfMatch(current.ETag), cancellationToken));
                }
                catch (ConcurrencyConflictException)
                {
                    // Someone else took the expired lease first.
                }
            }

            await Task.Delay(retry, timeProvider, cancellationToken);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
        }
    }

    private static bool IsExpired(StoredDocument lease, DateTimeOffset now) =>
        lease.Content.Length != sizeof(long)
        || DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(lease.Content.Span)) <= now;

    private static string LeaseKey(string conversationKey) =>
        KeyPrefix.Length + conversationKey.Length <= StorageLimits.MaxNameLength
            ? KeyPrefix + conversationKey
            : KeyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(conversationKey)));

    /// <summary>The lease while a turn runs; disposing releases it unless it expired and was taken over meanwhile.</summary>
    internal sealed class Held(IDocumentStore store, string key, string etag) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                // Not the turn's token: a cancelled turn must still let the next one in.
                await store.DeleteAsync(key, WritePrecondition.IfMatch(etag), CancellationToken.None);
            }
            catch (ConcurrencyConflictException)
            {
                // It expired and another instance holds it now: theirs to release.
            }
        }
    }
}
