namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>The local accounts agents may sign in with; user names compare case-insensitively.</summary>
public sealed class LocalAccountDirectory
{
    private readonly Dictionary<string, LocalAccountOptions> _accounts;

    /// <summary>Checked when the user name is unknown, so an unknown name costs as long as a wrong password.</summary>
    private readonly string _decoyHash = ConsolePasswordHasher.Hash(Guid.NewGuid().ToString("N"));

    public LocalAccountDirectory(IEnumerable<LocalAccountOptions> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        _accounts = accounts.ToDictionary(account => account.UserName.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public int Count => _accounts.Count;

    /// <summary>The agent when <paramref name="password"/> is right for <paramref name="userName"/>; otherwise null, whichever of the two was wrong.</summary>
    public HelpdeskAgent? Verify(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        if (!_accounts.TryGetValue(userName.Trim(), out var account))
        {
            ConsolePasswordHasher.Verify(_decoyHash, password);
            return null;
        }

        return ConsolePasswordHasher.Verify(account.PasswordHash, password)
            ? HelpdeskAgent.ForLocalAccount(account.UserName.Trim(), account.DisplayName)
            : null;
    }
}
