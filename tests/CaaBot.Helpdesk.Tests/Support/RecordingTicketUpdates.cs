using System.Collections.Concurrent;
using CaaBot.Helpdesk.Connectors;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>What the bot would tell users, kept for the test; can be made to fail like a channel that is down.</summary>
public sealed class RecordingTicketUpdates : ITicketUpdates
{
    public ConcurrentQueue<TicketUpdate> Published { get; } = new();

    public int FailNext { get; set; }

    public Task PublishAsync(TicketUpdate update, CancellationToken cancellationToken)
    {
        if (FailNext > 0)
        {
            FailNext--;
            throw new HttpRequestException("channel unreachable");
        }

        Published.Enqueue(update);
        return Task.CompletedTask;
    }
}
