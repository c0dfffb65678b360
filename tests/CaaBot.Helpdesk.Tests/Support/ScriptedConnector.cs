using System.Collections.Concurrent;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Support;

/// <summary>
/// An external system in memory that keeps the tickets it accepted (so FindAsync works like a real search) and can
/// be told to fail: refuse the next creates (transiently or for good), lose the answer after creating, or hang.
/// </summary>
public sealed class ScriptedConnector(string name = "fake") : IHelpdeskConnector
{
    private readonly ConcurrentDictionary<string, ExternalTicket> _byNumber = new(StringComparer.Ordinal);
    private int _next;

    public string Name { get; } = name;

    /// <summary>How many of the next creates fail with a transient error.</summary>
    public int FailNextCreates { get; set; }

    public bool RefuseForGood { get; set; }

    /// <summary>The next create stores the ticket, then throws as if the answer was lost.</summary>
    public bool LoseNextAnswer { get; set; }

    /// <summary>Creates wait for this before answering (null: answer at once).</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Completes when a create is waiting at <see cref="Gate"/>.</summary>
    public TaskCompletionSource GateReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int CreateCalls => Volatile.Read(ref _createCalls);

    public int FindCalls => Volatile.Read(ref _findCalls);

    public ConcurrentQueue<(Ticket Ticket, TicketTranscript Transcript)> Created { get; } = new();

    public ConcurrentDictionary<string, ExternalTicketStatus> Statuses { get; } = new(StringComparer.Ordinal);

    private int _createCalls;
    private int _findCalls;

    public Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _findCalls);
        return Task.FromResult(_byNumber.GetValueOrDefault(ticket.Number));
    }

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _createCalls);
        if (Gate is { } gate)
        {
            GateReached.TrySetResult();
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (RefuseForGood)
        {
            throw new HelpdeskDeliveryException("refused: unknown queue", isPermanent: true);
        }

        if (FailNextCreates > 0)
        {
            FailNextCreates--;
            throw new HelpdeskDeliveryException("system down", isPermanent: false);
        }

        var id = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var external = new ExternalTicket(Name, id, "FAKE-" + id, new Uri("https://helpdesk.example/" + id));
        _byNumber[ticket.Number] = external;
        Created.Enqueue((ticket, transcript));
        if (LoseNextAnswer)
        {
            LoseNextAnswer = false;
            throw new HttpRequestException("connection reset after the request was sent");
        }

        return external;
    }

    public Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken) =>
        Task.FromResult<ExternalTicketStatus?>(Statuses.TryGetValue(external.Id, out var status) ? status : new ExternalTicketStatus(TicketStatus.New, "new", null));
}
