using CaaBot.Web.HelpdeskConsole.Authentication;

namespace CaaBot.Web.Tests.HelpdeskConsole.Authentication;

public sealed class HashPasswordCommandTests
{
    [Fact]
    public async Task HashPassword_PasswordOnStdin_PrintsAHashThatVerifiesAndNothingElse()
    {
        const string password = "a long enough passphrase";
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await HashPasswordCommand.RunAsync(new StringReader(password + "\n"), output, error, interactive: false, CancellationToken.None);

        var hash = output.ToString().Trim();
        Assert.Equal(0, exitCode);
        Assert.True(ConsolePasswordHasher.IsWellFormed(hash));
        Assert.True(ConsolePasswordHasher.Verify(hash, password));
        Assert.False(ConsolePasswordHasher.Verify(hash, password + "!"));
        Assert.NotEqual(hash, ConsolePasswordHasher.Hash(password));
        Assert.DoesNotContain(password, output.ToString() + error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    public async Task HashPassword_EmptyOrShortPassword_Exits2WithoutAHash(string password)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await HashPasswordCommand.RunAsync(new StringReader(password), output, error, interactive: false, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("at least 12 characters", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpdeskCommandLine_HashPassword_IsListedInTheUsage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        await CaaBot.Web.Commands.HelpdeskCommandLine.TryRunAsync(["helpdesk", "help"], output, error, configureServices: null, CancellationToken.None);

        Assert.Contains("hash-password", output.ToString(), StringComparison.Ordinal);
    }
}
