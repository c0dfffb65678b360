using CaaBot.Helpdesk.Tickets;
using CaaBot.Protocol.Schema;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>
/// One person's escalation as an incident keeps it: enough for an agent (who, where, what was tried) and to tell them
/// when it is fixed (the conversation). Appended to streams only, so any number of writers never lose one.
/// </summary>
public sealed record IncidentReport
{
    /// <summary>The support case (the request id their own ticket would have had).</summary>
    public required string CaseId { get; init; }

    public required string ChannelId { get; init; }

    public required string UserId { get; init; }

    public string? UserName { get; init; }

    public required string Device { get; init; }

    public IReadOnlyList<TicketStep> Steps { get; init; } = [];

    public required DateTimeOffset ReportedAt { get; init; }

    public string? CorrelationId { get; init; }

    public ConversationReference? Conversation { get; init; }

    /// <summary>True when the person was told they joined the incident; false for a report from before it opened (filed as its own ticket).</summary>
    public bool Joined { get; init; }

    public static IncidentReport From(TicketRequest request, DateTimeOffset reportedAt, bool joined)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new IncidentReport
        {
            CaseId = request.RequestId,
            ChannelId = request.Requester.ChannelId,
            UserId = request.Requester.UserId,
            UserName = request.Requester.Name,
            Device = request.Device,
            Steps = request.Steps,
            ReportedAt = reportedAt,
            CorrelationId = request.CorrelationId,
            Conversation = request.Conversation,
            Joined = joined,
        };
    }
}
