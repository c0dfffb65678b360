using System.Text;

namespace CaaBot.Storage.Abstractions;

/// <summary>What every backend accepts as a document key or stream name, so a key that works in tests works in production.</summary>
public static class StorageLimits
{
    /// <summary>The longest key or stream name, in UTF-16 code units.</summary>
    public const int MaxNameLength = 1024;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is non-empty, at most
    /// <see cref="MaxNameLength"/> long and well-formed UTF-16. Lone surrogates are refused because
    /// databases store text as UTF-8, where two different malformed keys would collapse into one.
    /// </summary>
    public static void ValidateName(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name, paramName);
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"Longer than {MaxNameLength} characters ({name.Length}).", paramName);
        }

        var rest = name.AsSpan();
        if (rest.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return;
        }

        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                throw new ArgumentException("Not well-formed Unicode (lone surrogate).", paramName);
            }

            rest = rest[consumed..];
        }
    }
}
