using System.Runtime.ExceptionServices;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>
/// Runs test code inside a real turn and rethrows its assertion failures afterwards (inside the turn they would be
/// caught by the turn error handler like any bot exception).
/// </summary>
public static class InTurn
{
    public static async Task RunAsync(TestAdapter adapter, Action<ITurnContext> action, string text = "test")
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ExceptionDispatchInfo? failure = null;
        await adapter.SendTextAsync(text, new DelegateBot((turn, _) =>
        {
            try
            {
                action(turn);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }

            return Task.CompletedTask;
        }), CancellationToken.None);
        failure?.Throw();
    }
}
