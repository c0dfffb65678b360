using System.Globalization;

namespace CaaBot.Knowledge.Codes;

/// <summary>
/// A sign-in error code in its one normalized spelling: <c>0xCAA20003</c> (uppercase hex, <c>0x</c>,
/// eight digits) or <c>AADSTS50076</c>. Two codes are equal when kind and value are equal, so a code
/// typed as <c>caa20003</c> and one typed as <c>-895352829</c> are the same key for a playbook lookup.
/// </summary>
/// <remarks>A class rather than a struct so that no "empty" code (<c>default</c>) can exist.</remarks>
public sealed record ErrorCode
{
    private const uint WamMask = 0xFFF0_0000;
    private const uint WamPrefix = 0xCAA0_0000;

    /// <summary>Entra ID codes are 1–7 digits today; the cap keeps the number meaningful, not a guess.</summary>
    public const int MaxAadstsNumber = 9_999_999;

    private ErrorCode(ErrorCodeKind kind, uint value)
    {
        Kind = kind;
        Value = value;
        Normalized = kind == ErrorCodeKind.Aadsts
            ? "AADSTS" + value.ToString(CultureInfo.InvariantCulture)
            : "0x" + value.ToString("X8", CultureInfo.InvariantCulture);
    }

    /// <summary>The family the code belongs to.</summary>
    public ErrorCodeKind Kind { get; }

    /// <summary>The 32-bit value for <see cref="ErrorCodeKind.Wam"/> and <see cref="ErrorCodeKind.HResult"/>; the number after <c>AADSTS</c> otherwise.</summary>
    public uint Value { get; }

    /// <summary>The canonical spelling, e.g. <c>0xCAA20003</c> or <c>AADSTS50076</c>.</summary>
    public string Normalized { get; }

    /// <summary>True when a 32-bit value lies in the WAM range <c>0xCAAxxxxx</c>.</summary>
    public static bool IsWamValue(uint value) => (value & WamMask) == WamPrefix;

    /// <summary>True when a 32-bit value is one of the hex kinds (WAM, or a failure code starting with 8 or C).</summary>
    public static bool IsHexCodeValue(uint value) => (value >> 28) is 0x8 or 0xC;

    /// <summary>Wraps a 32-bit value; it must start with <c>0x8</c> or <c>0xC</c> (failure codes only).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a failure code of a known kind.</exception>
    public static ErrorCode FromValue(uint value)
    {
        if (!IsHexCodeValue(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only 0x8… and 0xC… failure codes are error codes here.");
        }

        return new ErrorCode(IsWamValue(value) ? ErrorCodeKind.Wam : ErrorCodeKind.HResult, value);
    }

    /// <summary>Wraps the number of an Entra ID code (<c>50076</c> → <c>AADSTS50076</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The number is not between 1 and <see cref="MaxAadstsNumber"/>.</exception>
    public static ErrorCode FromAadsts(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxAadstsNumber);
        return new ErrorCode(ErrorCodeKind.Aadsts, (uint)number);
    }

    /// <inheritdoc />
    public bool Equals(ErrorCode? other) => other is not null && Kind == other.Kind && Value == other.Value;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, Value);

    /// <summary>The normalized spelling.</summary>
    public override string ToString() => Normalized;
}
