using Microsoft.AspNetCore.Identity;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// ASP.NET Core Identity's password hash (format version 3: PBKDF2 with a random salt, from the shared framework),
/// so hashes are a documented, widely implemented format; verification compares in constant time.
/// </summary>
public static class ConsolePasswordHasher
{
    private static readonly PasswordHasher<HashedAccount> Hasher = new();
    private static readonly HashedAccount Account = new();

    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Hasher.HashPassword(Account, password);
    }

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; false (never an exception) for a malformed hash.</summary>
    public static bool Verify(string hash, string password)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(password);
        try
        {
            return Hasher.VerifyHashedPassword(Account, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>True when <paramref name="hash"/> is a version-3 hash this class can verify (checked at start-up).</summary>
    public static bool IsWellFormed(string? hash)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return false;
        }

        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash, bytes, out var length) && length > 13 && bytes[0] == 0x01;
    }

    /// <summary>Identity's hasher is generic over a user type it never looks at.</summary>
    private sealed class HashedAccount;
}
