namespace CaaBot.Storage.Abstractions;

/// <summary>A conditional write lost the race: somebody changed (or created, or deleted) the document first.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException()
        : this("The document was changed by another writer.")
    {
    }

    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConcurrencyConflictException(string key, WritePrecondition precondition)
        : base($"Write to '{key}' refused: precondition {precondition.Kind} no longer holds.")
    {
        Key = key;
    }

    /// <summary>The key whose write was refused.</summary>
    public string? Key { get; }
}
