using System.Text;
using CaaBot.Storage.Abstractions;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>
/// Passes everything to the real store, except that the first write matching <see cref="FailWhen"/> throws
/// instead of writing: a process dying just before that write.
/// </summary>
public sealed class FaultyDocumentStore(IDocumentStore inner) : IDocumentStore
{
    private int _failed;

    /// <summary>Key and UTF-8 content of a write that should fail (once).</summary>
    public Func<string, string, bool> FailWhen { get; set; } = (_, _) => false;

    public bool HasFailed => Volatile.Read(ref _failed) == 1;

    public Task<StoredDocument?> ReadAsync(string key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> content, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        if (FailWhen(key, Encoding.UTF8.GetString(content.Span)) && Interlocked.Exchange(ref _failed, 1) == 0)
        {
            throw new SimulatedCrashException($"Simulated crash before writing '{key}'.");
        }

        return inner.WriteAsync(key, content, precondition, cancellationToken);
    }

    public Task<bool> DeleteAsync(string key, WritePrecondition precondition, CancellationToken cancellationToken) =>
        inner.DeleteAsync(key, precondition, cancellationToken);
}
