using System.Security.Cryptography;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;

namespace CaaBot.Helpdesk.Handoff;

/// <summary>
/// The live hand-off: users waiting for a person, agents taking them, and every line said in between. State lives in
/// the shared stores, so the user's messages may arrive on one instance while the agent's console is served by
/// another.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>handoff/session/{id}</c>: the session document; taking and ending are ETag compare-and-swap, so two agents
/// clicking Take at once end with exactly one owner.</item>
/// <item><c>handoff/open</c>: the index of sessions not ended (what the console lists).</item>
/// <item><c>handoff/session/{id}/messages</c>: what was said, in order.</item>
/// <item><see cref="FeedStream"/>: one entry per change of any session; consoles on every instance follow it.</item>
/// </list>
/// </remarks>
public sealed class LiveHandoffDesk(
    IDocumentStore documents,
    IStreamStore streams,
    IEnumerable<IHandoffObserver> observers,
    TimeProvider timeProvider,
    ILogger<LiveHandoffDesk> logger)
{
    public const string FeedStream = "handoff/feed";
    public const string OpenKey = "handoff/open";

    /// <summary>The longest line either side may send at once (Teams' own limit for a message is about 28 KB).</summary>
    public const int MaxMessageLength = 4_000;

    private const int SessionIdBytes = 8;
    private const int MessagePage = 500;

    private readonly IReadOnlyList<IHandoffObserver> _observers = [.. observers];

    /// <summary>
    /// Puts the user in the queue for a person under <paramref name="sessionId"/> (see <see cref="NewSessionId"/>);
    /// asking again with the same id, or from a conversation that has a chat open already, returns that chat.
    /// </summary>
    public async Task<HandoffSession> RequestAsync(
        string sessionId, string ticketNumber, TicketRequest request, string? transcriptStream, long transcriptUpTo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ticketNumber);
        ArgumentNullException.ThrowIfNull(request);
        if (!IsSessionId(sessionId))
        {
            throw new ArgumentException("Not a session id; use NewSessionId().", nameof(sessionId));
        }

        var conversationKey = ConversationKey(request);
        if (await FindAsync(sessionId, cancellationToken) is { } known)
        {
            return known;
        }

        if (await FindOpenForConversationAsync(conversationKey, cancellationToken) is { } existing)
        {
            return existing;
        }

        var session = new HandoffSession(sessionId, ticketNumber, request, timeProvider.GetUtcNow())
        {
            TranscriptStream = transcriptStream,
            TranscriptUpTo = transcriptUpTo,
        };
        try
        {
            await documents.WriteAsync(SessionKey(session.Id), session, HandoffJsonContext.Default.HandoffSession, WritePrecondition.MustNotExist, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The same request raced itself (two instances finishing one turn): the first one wrote it.
            return (await FindAsync(sessionId, cancellationToken))!;
        }

        await documents.UpdateAsync(
            OpenKey,
            current => new OpenHandoffs([.. current?.Value.Sessions ?? [], new OpenHandoff(session.Id, conversationKey)]),
            HandoffJsonContext.Default.OpenHandoffs,
            cancellationToken);
        HandoffLog.Requested(logger, session.Id, ticketNumber);
        await PublishAsync(new HandoffChange(HandoffChangeKind.Requested, session), cancellationToken);
        return session;
    }

    /// <summary>A fresh, unguessable session id.</summary>
    public static string NewSessionId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SessionIdBytes));

    public async Task<HandoffSession?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!IsSessionId(sessionId))
        {
            return null;
        }

        return (await documents.ReadAsync(SessionKey(sessionId), HandoffJsonContext.Default.HandoffSession, cancellationToken))?.Value;
    }

    /// <summary>The open chat of the conversation <paramref name="request"/> came from, if any.</summary>
    public Task<HandoffSession?> FindOpenForAsync(string channelId, string conversationId, CancellationToken cancellationToken) =>
        FindOpenForConversationAsync(channelId + "|" + conversationId, cancellationToken);

    /// <summary>Every chat not ended, oldest request first.</summary>
    public async Task<IReadOnlyList<HandoffSession>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var index = await documents.ReadAsync(OpenKey, HandoffJsonContext.Default.OpenHandoffs, cancellationToken);
        var sessions = new List<HandoffSession>();
        foreach (var open in index?.Value.Sessions ?? [])
        {
            if (await FindAsync(open.SessionId, cancellationToken) is { IsOpen: true } session)
            {
                sessions.Add(session);
            }
        }

        return [.. sessions.OrderBy(session => session.RequestedAt)];
    }

    /// <summary>Gives the chat to <paramref name="agent"/>, unless another agent has it already.</summary>
    public async Task<(HandoffOutcome Outcome, HandoffSession? Session)> TakeAsync(string sessionId, HandoffAgent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var outcome = HandoffOutcome.Done;
        var changed = false;
        var session = await UpdateSessionAsync(sessionId, current =>
        {
            (outcome, changed) = current switch
            {
                { State: HandoffState.Ended } => (HandoffOutcome.AlreadyEnded, false),
                { State: HandoffState.Active, Agent.Id: var owner } when owner == agent.Id => (HandoffOutcome.Done, false),
                { State: HandoffState.Active } => (HandoffOutcome.TakenByAnother, false),
                _ => (HandoffOutcome.Done, true),
            };
            return changed ? current with { State = HandoffState.Active, Agent = agent, TakenAt = timeProvider.GetUtcNow() } : current;
        }, cancellationToken);
        if (session is null)
        {
            return (HandoffOutcome.NotFound, null);
        }

        if (changed)
        {
            HandoffLog.Taken(logger, session.Id, agent.Id, agent.Via);
            await PublishAsync(new HandoffChange(HandoffChangeKind.Taken, session), cancellationToken);
        }

        return (outcome, session);
    }

    /// <summary>A line from the agent who took the chat, for the user.</summary>
    public async Task<HandoffOutcome> AgentSaysAsync(string sessionId, string agentId, string text, CancellationToken cancellationToken)
    {
        if (!IsSayable(text))
        {
            return HandoffOutcome.Invalid;
        }

        if (await FindAsync(sessionId, cancellationToken) is not { } session)
        {
            return HandoffOutcome.NotFound;
        }

        var refusal = session switch
        {
            { State: HandoffState.Ended } => HandoffOutcome.AlreadyEnded,
            { State: HandoffState.Waiting } => HandoffOutcome.NotTaken,
            { Agent.Id: var owner } when owner != agentId => HandoffOutcome.NotYours,
            _ => HandoffOutcome.Done,
        };
        if (refusal != HandoffOutcome.Done)
        {
            return refusal;
        }

        await SayAsync(session, HandoffChangeKind.AgentMessage, new HandoffMessage(HandoffSpeaker.Agent, session.Agent!.DisplayName, text.Trim(), timeProvider.GetUtcNow()), cancellationToken);
        return HandoffOutcome.Done;
    }

    /// <summary>A line from the user, for whoever has (or will take) the chat.</summary>
    public async Task<HandoffOutcome> UserSaysAsync(string sessionId, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return HandoffOutcome.Invalid;
        }

        if (await FindAsync(sessionId, cancellationToken) is not { IsOpen: true } session)
        {
            return HandoffOutcome.AlreadyEnded;
        }

        // The user is not cut short: a long paste reaches the agent in full, up to the transcript's own limit.
        var kept = text.Length > MaxMessageLength * 4 ? text[..(MaxMessageLength * 4)] : text;
        await SayAsync(session, HandoffChangeKind.UserMessage, new HandoffMessage(HandoffSpeaker.User, session.UserName, kept, timeProvider.GetUtcNow()), cancellationToken);
        return HandoffOutcome.Done;
    }

    /// <summary>
    /// Ends the chat. An agent ends only a chat they took (<paramref name="agentId"/>); null ends it on the user's or
    /// the hub's behalf.
    /// </summary>
    public async Task<(HandoffOutcome Outcome, HandoffSession? Session)> EndAsync(string sessionId, HandoffEnd end, string? agentId, CancellationToken cancellationToken)
    {
        var outcome = HandoffOutcome.Done;
        var changed = false;
        var session = await UpdateSessionAsync(sessionId, current =>
        {
            (outcome, changed) = current switch
            {
                { State: HandoffState.Ended } => (HandoffOutcome.AlreadyEnded, false),
                _ when agentId is not null && current.Agent?.Id != agentId && current.State == HandoffState.Active => (HandoffOutcome.NotYours, false),
                _ => (HandoffOutcome.Done, true),
            };
            return changed ? current with { State = HandoffState.Ended, End = end, EndedAt = timeProvider.GetUtcNow() } : current;
        }, cancellationToken);
        if (session is null)
        {
            return (HandoffOutcome.NotFound, null);
        }

        if (changed)
        {
            await documents.UpdateAsync(
                OpenKey,
                current => new OpenHandoffs([.. (current?.Value.Sessions ?? []).Where(open => open.SessionId != session.Id)]),
                HandoffJsonContext.Default.OpenHandoffs,
                cancellationToken);
            HandoffLog.Ended(logger, session.Id, end);
            await PublishAsync(new HandoffChange(HandoffChangeKind.Ended, session), cancellationToken);
        }

        return (outcome, session);
    }

    /// <summary>Records where the escalation card for this chat was posted in the Teams helpdesk channel.</summary>
    public async Task<HandoffSession?> AttachAgentThreadAsync(string sessionId, Protocol.Schema.ConversationReference thread, string? cardActivityId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return await UpdateSessionAsync(sessionId, current => current with { AgentThread = thread, AgentCardActivityId = cardActivityId }, cancellationToken);
    }

    /// <summary>The open chat whose Teams thread is <paramref name="threadConversationId"/> (<c>19:…;messageid=…</c>).</summary>
    public async Task<HandoffSession?> FindByAgentThreadAsync(string threadConversationId, CancellationToken cancellationToken)
    {
        foreach (var session in await ListOpenAsync(cancellationToken))
        {
            if (string.Equals(session.AgentThread?.Conversation?.Id, threadConversationId, StringComparison.Ordinal))
            {
                return session;
            }
        }

        return null;
    }

    /// <summary>What was said in the chat after message <paramref name="afterSequence"/>, oldest first, with each line's sequence.</summary>
    public async Task<IReadOnlyList<(long Sequence, HandoffMessage Message)>> ReadMessagesAsync(string sessionId, long afterSequence, CancellationToken cancellationToken)
    {
        if (!IsSessionId(sessionId))
        {
            return [];
        }

        var lines = new List<(long, HandoffMessage)>();
        var after = afterSequence;
        while (true)
        {
            var page = await streams.ReadAsync(MessagesStream(sessionId), after, MessagePage, cancellationToken);
            foreach (var entry in page)
            {
                lines.Add((entry.Sequence, entry.Deserialize(HandoffJsonContext.Default.HandoffMessage)));
                after = entry.Sequence;
            }

            if (page.Count < MessagePage)
            {
                return lines;
            }
        }
    }

    /// <summary>Feed entries after <paramref name="afterSequence"/> (the console's live updates).</summary>
    public async Task<IReadOnlyList<(long Sequence, HandoffFeedEntry Entry)>> ReadFeedAsync(long afterSequence, int max, CancellationToken cancellationToken)
    {
        var page = await streams.ReadAsync(FeedStream, afterSequence, max, cancellationToken);
        return [.. page.Select(entry => (entry.Sequence, entry.Deserialize(HandoffJsonContext.Default.HandoffFeedEntry)))];
    }

    public Task<long> FeedPositionAsync(CancellationToken cancellationToken) => streams.GetLastSequenceAsync(FeedStream, cancellationToken);

    public IDisposable SubscribeToFeed(Action<long> onAppended) => streams.Subscribe(FeedStream, onAppended);

    /// <summary>Session ids are 16 lowercase hex digits: anything else from a URL is not one.</summary>
    public static bool IsSessionId(string? value) =>
        value is { Length: SessionIdBytes * 2 } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    public static bool IsSayable(string? text) => !string.IsNullOrWhiteSpace(text) && text.Length <= MaxMessageLength;

    private async Task SayAsync(HandoffSession session, HandoffChangeKind kind, HandoffMessage message, CancellationToken cancellationToken)
    {
        var sequence = await streams.AppendAsync(MessagesStream(session.Id), message, HandoffJsonContext.Default.HandoffMessage, cancellationToken);
        await PublishAsync(new HandoffChange(kind, session, message, sequence), cancellationToken);
    }

    private async Task PublishAsync(HandoffChange change, CancellationToken cancellationToken)
    {
        await streams.AppendAsync(FeedStream, new HandoffFeedEntry(change.Session.Id, change.Kind, change.MessageSequence), HandoffJsonContext.Default.HandoffFeedEntry, cancellationToken);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnChangedAsync(change, cancellationToken);
            }
#pragma warning disable CA1031 // One side failing (a Teams channel that is down) must not keep the other from hearing.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                HandoffLog.ObserverFailed(logger, exception, change.Session.Id, change.Kind);
            }
        }
    }

    private async Task<HandoffSession?> UpdateSessionAsync(string sessionId, Func<HandoffSession, HandoffSession> update, CancellationToken cancellationToken)
    {
        if (!IsSessionId(sessionId) || await documents.ReadAsync(SessionKey(sessionId), HandoffJsonContext.Default.HandoffSession, cancellationToken) is null)
        {
            return null;
        }

        var updated = await documents.UpdateAsync(
            SessionKey(sessionId),
            current => update(current!.Value),
            HandoffJsonContext.Default.HandoffSession,
            cancellationToken);
        return updated.Value;
    }

    private async Task<HandoffSession?> FindOpenForConversationAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var index = await documents.ReadAsync(OpenKey, HandoffJsonContext.Default.OpenHandoffs, cancellationToken);
        foreach (var open in index?.Value.Sessions ?? [])
        {
            if (open.ConversationKey == conversationKey && await FindAsync(open.SessionId, cancellationToken) is { IsOpen: true } session)
            {
                return session;
            }
        }

        return null;
    }

    private static string ConversationKey(TicketRequest request) =>
        (request.Conversation?.ChannelId ?? request.Requester.ChannelId) + "|" + (request.Conversation?.Conversation?.Id ?? request.Requester.UserId);

    private static string SessionKey(string sessionId) => "handoff/session/" + sessionId;

    private static string MessagesStream(string sessionId) => "handoff/session/" + sessionId + "/messages";

}
