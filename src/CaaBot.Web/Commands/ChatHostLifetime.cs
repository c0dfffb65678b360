namespace CaaBot.Web.Commands;

/// <summary>
/// Replaces the console lifetime in chat mode: it would swallow Ctrl+C while the session waits for a line.
/// Without it Ctrl+C ends the process as any command-line tool; every turn is already committed by then.
/// </summary>
internal sealed class ChatHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
