using CaaBot.Protocol.Schema;

namespace CaaBot.Helpdesk.Tickets;

/// <summary>Everything the bot knows when the user agrees to hand over: what an agent needs without asking again.</summary>
public sealed record TicketRequest
{
    /// <summary>Idempotency key: the support case this escalation belongs to.</summary>
    public required string RequestId { get; init; }

    public required TicketRequester Requester { get; init; }

    /// <summary>Normalised code (e.g. <c>0xCAA20003</c>), null when the user had none.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Where Teams fails, in words ("Windows PC").</summary>
    public required string Device { get; init; }

    public string? PlaybookId { get; init; }

    public string? PlaybookTitle { get; init; }

    /// <summary>Helpdesk group from the playbook (<c>identity</c>, <c>endpoint</c>…), or <c>general</c>.</summary>
    public required string Group { get; init; }

    /// <summary><c>low</c>, <c>normal</c> or <c>high</c>.</summary>
    public required string Priority { get; init; }

    public IReadOnlyList<TicketStep> Steps { get; init; } = [];

    /// <summary>The user's own description of the problem, as typed.</summary>
    public string? UserWords { get; init; }

    /// <summary>Facts the bot found (e.g. a clock skew), one line each.</summary>
    public IReadOnlyList<string> Findings { get; init; } = [];

    /// <summary>Files the user shared (screenshots, logs), oldest first.</summary>
    public IReadOnlyList<TicketAttachment> Attachments { get; init; } = [];

    /// <summary>Id of the turn that escalated, to find the logs.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Where to reach the user's conversation again (proactive messages, live hand-off).</summary>
    public ConversationReference? Conversation { get; init; }
}
