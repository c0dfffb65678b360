using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>Passes everything to the real store, except that the first append fails when <see cref="FailNextAppend"/> is set.</summary>
public sealed class FaultyStreamStore(IStreamStore inner) : IStreamStore
{
    private int _armed;

    public bool FailNextAppend
    {
        get => Volatile.Read(ref _armed) == 1;
        set => Volatile.Write(ref _armed, value ? 1 : 0);
    }

    public Task<long> AppendAsync(string stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _armed, 0) == 1)
        {
            throw new SimulatedCrashException($"Simulated crash before appending to '{stream}'.");
        }

        return inner.AppendAsync(stream, payload, cancellationToken);
    }

    public Task<IReadOnlyList<StreamEntry>> ReadAsync(string stream, long afterSequence, int maxCount, CancellationToken cancellationToken) =>
        inner.ReadAsync(stream, afterSequence, maxCount, cancellationToken);

    public Task<long> GetLastSequenceAsync(string stream, CancellationToken cancellationToken) => inner.GetLastSequenceAsync(stream, cancellationToken);

    public IDisposable Subscribe(string stream, Action<long> onAppended) => inner.Subscribe(stream, onAppended);
}
