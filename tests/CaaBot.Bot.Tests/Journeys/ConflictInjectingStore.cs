using CaaBot.Storage.Abstractions;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// A document store that, when armed, fails the next conditional write to a conversation's state with a conflict,
/// as a second instance writing first would: the turn processor then runs the turn again on fresh state.
/// </summary>
internal sealed class ConflictInjectingStore(IDocumentStore inner) : IDocumentStore
{
    private int _armed;

    public int InjectedConflicts { get; private set; }

    /// <summary>Fails the next <paramref name="times"/> conversation writes (as many as the turn processor's attempts makes the turn fail).</summary>
    public void FailNextConversationWrite(int times = 1) => Interlocked.Exchange(ref _armed, times);

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        if (key.StartsWith("conv/", StringComparison.Ordinal) && Interlocked.Decrement(ref _armed) >= 0)
        {
            InjectedConflicts++;
            throw new ConcurrencyConflictException(key, precondition);
        }

        return inner.WriteAsync(key, content, precondition, cancellationToken);
    }

    public Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken) => inner.DeleteAsync(key, precondition, cancellationToken);
}
