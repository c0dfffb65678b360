using System.Text;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// <c>helpdesk hash-password</c>: reads a password from stdin (never from the command line, where it would land in
/// shell history and the process list) and prints the hash for <c>CaaBot:Helpdesk:Console:Accounts:N:PasswordHash</c>.
/// </summary>
public static class HashPasswordCommand
{
    public const int MinimumLength = 12;

    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? password;
        if (interactive)
        {
            await error.WriteAsync("Password (not shown): ");
            password = ReadHiddenLine();
            await error.WriteLineAsync();
        }
        else
        {
            password = await input.ReadLineAsync(cancellationToken);
        }

        if (string.IsNullOrEmpty(password) || password.Length < MinimumLength)
        {
            await error.WriteLineAsync($"Give a password of at least {MinimumLength} characters on stdin, e.g. `read -rs P && printf '%s\\n' \"$P\" | dotnet run --project src/CaaBot.Web -- helpdesk hash-password`.");
            return 2;
        }

        await output.WriteLineAsync(ConsolePasswordHasher.Hash(password));
        return 0;
    }

    private static string ReadHiddenLine()
    {
        var line = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                line.Length = Math.Max(0, line.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                line.Append(key.KeyChar);
            }
        }

        return line.ToString();
    }
}
