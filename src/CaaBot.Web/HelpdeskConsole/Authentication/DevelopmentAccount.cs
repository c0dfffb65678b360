using System.Security.Cryptography;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// The one local account of local development: a random password in a file only the owner can read
/// (<see cref="FileName"/> in the data folder), so the one-command start gives a usable console without any
/// committed password. Reused across restarts; delete the file for a new password.
/// </summary>
public sealed record DevelopmentAccount(string UserName, string Password)
{
    public const string FileName = "helpdesk-console-dev-account.txt";

    public const string DefaultUserName = "dev-agent";

    public const string DisplayName = "Local developer";

    private const string UserNameLabel = "user name: ";
    private const string PasswordLabel = "password: ";

    /// <summary>Reads the account from <paramref name="path"/>, or creates it there with mode 0600 when missing or unreadable.</summary>
    public static DevelopmentAccount LoadOrCreate(string path, out bool created)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path) && Parse(File.ReadAllLines(path)) is { } existing)
        {
            created = false;
            return existing;
        }

        var account = new DevelopmentAccount(DefaultUserName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.WriteLine("CaaBot helpdesk console: the local development account (sign in at /helpdesk/signin).");
            writer.WriteLine(UserNameLabel + account.UserName);
            writer.WriteLine(PasswordLabel + account.Password);
        }

        created = true;
        return account;
    }

    private static DevelopmentAccount? Parse(string[] lines)
    {
        var userName = lines.FirstOrDefault(line => line.StartsWith(UserNameLabel, StringComparison.Ordinal))?[UserNameLabel.Length..].Trim();
        var password = lines.FirstOrDefault(line => line.StartsWith(PasswordLabel, StringComparison.Ordinal))?[PasswordLabel.Length..].Trim();
        return string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password) ? null : new DevelopmentAccount(userName, password);
    }
}
