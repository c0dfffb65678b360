namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>Settles how agents sign in when the host starts, so the development account's file exists (and is logged) before anyone asks.</summary>
public sealed class ConsoleSignInStartup(ConsoleSignInSetup setup) : IHostedService
{
    /// <summary>Nothing left to do: resolving <see cref="ConsoleSignInSetup"/> for the constructor did the work.</summary>
    public ConsoleSignInSetup Setup { get; } = setup;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
