using System.Collections.Concurrent;
using System.Globalization;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>An external helpdesk system in memory: numbers its tickets RT-style, can be down, and reports a status the test sets.</summary>
internal sealed class ScriptedHelpdeskSystem : IHelpdeskConnector
{
    private readonly ConcurrentDictionary<string, ExternalTicket> _byNumber = new(StringComparer.Ordinal);
    private int _next;

    public string Name => "rt";

    public bool Down { get; set; }

    public ExternalTicketStatus Status { get; set; } = new(TicketStatus.New, "new", null);

    public ConcurrentQueue<(Ticket Ticket, TicketTranscript Transcript)> Created { get; } = new();

    public Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken) =>
        Task.FromResult(_byNumber.GetValueOrDefault(ticket.Number));

    public Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HelpdeskDeliveryException("connection refused", isPermanent: false);
        }

        var id = Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture);
        var external = new ExternalTicket(Name, id, "RT #" + id, new Uri("https://rt.example/Ticket/Display.html?id=" + id));
        _byNumber[ticket.Number] = external;
        Created.Enqueue((ticket, transcript));
        return Task.FromResult(external);
    }

    public Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken) =>
        Task.FromResult<ExternalTicketStatus?>(Status);
}
