namespace CaaBot.Storage.Abstractions;

/// <summary>What must be true of the stored document for a write or delete to go ahead.</summary>
public readonly record struct WritePrecondition
{
    private WritePrecondition(WritePreconditionKind kind, string? etag) => (Kind, ETag) = (kind, etag);

    public WritePreconditionKind Kind { get; }

    /// <summary>The ETag that must match, for <see cref="WritePreconditionKind.IfMatch"/>.</summary>
    public string? ETag { get; }

    /// <summary>Last writer wins.</summary>
    public static WritePrecondition None { get; } = new(WritePreconditionKind.None, null);

    /// <summary>Only when no document exists under the key (create).</summary>
    public static WritePrecondition MustNotExist { get; } = new(WritePreconditionKind.MustNotExist, null);

    /// <summary>Only when the stored document still carries <paramref name="etag"/>.</summary>
    public static WritePrecondition IfMatch(string etag)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        return new(WritePreconditionKind.IfMatch, etag);
    }

    /// <summary>IfMatch when an ETag is known, otherwise MustNotExist: the usual "update what I read" write.</summary>
    public static WritePrecondition FromRead(StoredDocument? read) => read is null ? MustNotExist : IfMatch(read.ETag);
}

/// <summary>The kinds of <see cref="WritePrecondition"/>.</summary>
public enum WritePreconditionKind
{
    None,
    MustNotExist,
    IfMatch,
}
