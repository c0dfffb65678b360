using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Channels;

/// <summary>
/// Shows "typing…" while a turn takes long enough for the user to wonder (filing a ticket, a slow store). A turn's
/// replies are held until its state commits, so the indicator is sent straight to the Connector, past the turn:
/// first after <see cref="FirstDelay"/>, then every <see cref="RepeatEvery"/> (clients hide it after a few seconds)
/// until the turn ends. It is a courtesy: a failure to send it is ignored.
/// </summary>
public sealed class TypingIndicator : IAsyncDisposable
{
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(700);
    public static readonly TimeSpan RepeatEvery = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TypingIndicator(ConnectorClient connector, Uri serviceUrl, Activity incoming, TimeProvider timeProvider)
    {
        _loop = RunAsync(connector, serviceUrl, incoming, timeProvider, _stop.Token);
    }

    /// <summary>Starts the indicator for a message, on channels that show one; otherwise a no-op.</summary>
    public static TypingIndicator? StartFor(ConnectorClient connector, Uri serviceUrl, Activity incoming, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return incoming.Type == ActivityTypes.Message && incoming.ChannelId is Protocol.Schema.Channels.MsTeams or Protocol.Schema.Channels.Emulator or Protocol.Schema.Channels.WebChat
            ? new TypingIndicator(connector, serviceUrl, incoming, timeProvider)
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RunAsync(ConnectorClient connector, Uri serviceUrl, Activity incoming, TimeProvider timeProvider, CancellationToken stop)
    {
        var typing = new Activity
        {
            Type = ActivityTypes.Typing,
            From = incoming.Recipient,
            Recipient = incoming.From,
            Conversation = incoming.Conversation,
        };
        try
        {
            await Task.Delay(FirstDelay, timeProvider, stop);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await connector.SendToConversationAsync(serviceUrl, incoming.Conversation!.Id!, typing, stop);
                }
                catch (Exception exception) when (exception is ConnectorException or HttpRequestException or UntrustedServiceUrlException or ConnectorTokenException)
                {
                    return; // The reply itself will report a real problem.
                }

                await Task.Delay(RepeatEvery, timeProvider, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The turn is over.
        }
    }
}
