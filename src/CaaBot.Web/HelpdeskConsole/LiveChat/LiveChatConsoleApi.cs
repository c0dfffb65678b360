using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Helpdesk.Transcripts;
using CaaBot.Storage.Abstractions;
using CaaBot.Web.HelpdeskConsole.Authentication;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.HelpdeskConsole.LiveChat;

/// <summary>
/// The live-chat part of the helpdesk console: the page (<c>/helpdesk</c>), the queue, one chat with its summary and
/// transcript, take / say / hand back / close, and a server-sent event stream that tells the page when anything
/// changes (and keeps the agent "present" for as long as the page is open). Every route needs a signed-in agent.
/// </summary>
public static class LiveChatConsoleApi
{
    private static readonly TimeSpan PresenceBeat = TimeSpan.FromSeconds(20);
    private static readonly ConcurrentDictionary<string, int> OpenPages = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapHelpdeskLiveChat(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var console = app.MapGroup(HelpdeskConsolePolicy.Prefix).RequireAuthorization(HelpdeskConsolePolicy.Name);
        console.MapGet("/", Page);
        console.MapGet("/console.js", () => Asset("console.js", "text/javascript; charset=utf-8"));
        console.MapGet("/console.css", () => Asset("console.css", "text/css; charset=utf-8"));

        var api = console.MapGroup("/api/live");
        api.MapGet("/queue", Queue);
        api.MapGet("/sessions/{id}", Session);
        api.MapGet("/events", Events);
        var changes = api.MapGroup("/sessions/{id}").RequireConsoleAntiforgery();
        changes.MapPost("/take", Take);
        changes.MapPost("/messages", Say);
        changes.MapPost("/handback", (string id, HttpContext context, LiveHandoffDesk desk, CancellationToken token) => EndAsync(id, HandoffEnd.HandedBack, context, desk, token));
        changes.MapPost("/close", (string id, HttpContext context, LiveHandoffDesk desk, CancellationToken token) => EndAsync(id, HandoffEnd.Closed, context, desk, token));
        return app;
    }

    private static IResult Page(HttpContext context)
    {
        context.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.Content(LiveChatConsolePage.Render(context.Request.PathBase), "text/html; charset=utf-8");
    }

    private static async Task<IResult> Queue(HttpContext context, LiveHandoffDesk desk, LiveChatAvailability availability, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (AgentOf(context) is not { } agent)
        {
            return TypedResults.Unauthorized();
        }

        var open = await desk.ListOpenAsync(cancellationToken);
        var hoursOpen = availability.Options.Enabled && availability.Options.BusinessHours.IsOpen(timeProvider.GetUtcNow());
        return TypedResults.Ok(new QueueView(hoursOpen, [.. open.Select(session => QueueEntryView.Of(session, agent))]));
    }

    private static async Task<IResult> Session(string id, HttpContext context, LiveHandoffDesk desk, IStreamStore streams, CancellationToken cancellationToken)
    {
        if (AgentOf(context) is not { } agent)
        {
            return TypedResults.Unauthorized();
        }

        if (await desk.FindAsync(id, cancellationToken) is not { } session)
        {
            return TypedResults.NotFound(new ConsoleError("There is no such chat."));
        }

        var transcript = await new TicketTranscriptReader(streams).ReadAsync(session.TranscriptStream, session.TranscriptUpTo, cancellationToken);
        var messages = await desk.ReadMessagesAsync(session.Id, 0, cancellationToken);
        var request = session.Request;
        return TypedResults.Ok(new SessionView(
            QueueEntryView.Of(session, agent),
            request.UserWords,
            [.. request.Steps.Select(step => new StepView(step.Title, step.Outcome.ToString(), step.At))],
            request.Findings,
            [.. request.Attachments.Select(file => file.Name)],
            request.Requester.ContactEmail,
            request.Requester.ContactPhone,
            ConsoleTranscript.Lines(transcript),
            [.. messages.Select(line => new MessageView(line.Sequence, line.Message.From.ToString().ToLowerInvariant(), line.Message.Name, ConsoleTranscript.Cut(line.Message.Text), line.Message.At))]));
    }

    private static async Task<IResult> Take(string id, HttpContext context, LiveHandoffDesk desk, CancellationToken cancellationToken)
    {
        if (AgentOf(context) is not { } agent)
        {
            return TypedResults.Unauthorized();
        }

        var (outcome, session) = await desk.TakeAsync(id, agent, cancellationToken);
        return outcome switch
        {
            HandoffOutcome.Done => TypedResults.Ok(QueueEntryView.Of(session!, agent)),
            HandoffOutcome.TakenByAnother => TypedResults.Conflict(new ConsoleError($"{session!.Agent!.DisplayName} has taken this chat already.")),
            HandoffOutcome.AlreadyEnded => TypedResults.Conflict(new ConsoleError("This chat has ended.")),
            _ => TypedResults.NotFound(new ConsoleError("There is no such chat.")),
        };
    }

    private static async Task<IResult> Say(string id, SayRequest? body, HttpContext context, LiveHandoffDesk desk, CancellationToken cancellationToken)
    {
        if (AgentOf(context) is not { } agent)
        {
            return TypedResults.Unauthorized();
        }

        if (!LiveHandoffDesk.IsSayable(body?.Text))
        {
            return TypedResults.BadRequest(new ConsoleError($"Write a message of 1 to {LiveHandoffDesk.MaxMessageLength} characters."));
        }

        return await desk.AgentSaysAsync(id, agent.Id, body!.Text!, cancellationToken) switch
        {
            HandoffOutcome.Done => TypedResults.Accepted((string?)null),
            HandoffOutcome.NotTaken => TypedResults.Conflict(new ConsoleError("Take the chat before you write in it.")),
            HandoffOutcome.NotYours => TypedResults.Conflict(new ConsoleError("Another agent has this chat.")),
            HandoffOutcome.AlreadyEnded => TypedResults.Conflict(new ConsoleError("This chat has ended.")),
            _ => TypedResults.NotFound(new ConsoleError("There is no such chat.")),
        };
    }

    private static async Task<IResult> EndAsync(string id, HandoffEnd end, HttpContext context, LiveHandoffDesk desk, CancellationToken cancellationToken)
    {
        if (AgentOf(context) is not { } agent)
        {
            return TypedResults.Unauthorized();
        }

        var (outcome, session) = await desk.EndAsync(id, end, agent.Id, cancellationToken);
        return outcome switch
        {
            HandoffOutcome.Done => TypedResults.Ok(QueueEntryView.Of(session!, agent)),
            HandoffOutcome.NotYours => TypedResults.Conflict(new ConsoleError("Another agent has this chat.")),
            HandoffOutcome.AlreadyEnded => TypedResults.Conflict(new ConsoleError("This chat has ended already.")),
            _ => TypedResults.NotFound(new ConsoleError("There is no such chat.")),
        };
    }

    /// <summary>
    /// Server-sent events: <c>change</c> with the session id and kind whenever any chat changes (on any instance),
    /// a comment line every few seconds to keep proxies from closing it, and the agent marked present throughout.
    /// </summary>
    private static async Task Events(HttpContext context, LiveHandoffDesk desk, AgentPresence presence, IOptions<LiveChatOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (AgentOf(context) is not { } agent)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var after = long.TryParse(context.Request.Headers["Last-Event-ID"], out var resumed) ? resumed : await desk.FeedPositionAsync(cancellationToken);
        using var wake = new SemaphoreSlim(0, 1);
        using var subscription = desk.SubscribeToFeed(_ =>
        {
            if (wake.CurrentCount == 0)
            {
                try
                {
                    wake.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already awake.
                }
            }
        });
        OpenPages.AddOrUpdate(agent.Id, 1, (_, count) => count + 1);
        var lastBeat = DateTimeOffset.MinValue;
        try
        {
            await context.Response.WriteAsync(": connected\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (DateTimeOffset.UtcNow - lastBeat >= PresenceBeat)
                {
                    await presence.HereAsync(agent, options.Value.ConsolePresence, cancellationToken);
                    await context.Response.WriteAsync(": present\n\n", cancellationToken);
                    await context.Response.Body.FlushAsync(cancellationToken);
                    lastBeat = DateTimeOffset.UtcNow;
                }

                foreach (var (sequence, entry) in await desk.ReadFeedAsync(after, 200, cancellationToken))
                {
                    var data = JsonSerializer.Serialize(new { sessionId = entry.SessionId, kind = entry.Kind.ToString() }, EventJson);
                    await context.Response.WriteAsync(new StringBuilder().Append("id: ").Append(sequence).Append("\nevent: change\ndata: ").Append(data).Append("\n\n").ToString(), cancellationToken);
                    after = sequence;
                }

                await context.Response.Body.FlushAsync(cancellationToken);
                await wake.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page closed.
        }
#pragma warning disable CA1031 // A storage hiccup ends this page's stream (the browser reconnects), never the host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LiveChatConsoleLog.EventStreamFailed(loggers.CreateLogger(typeof(LiveChatConsoleApi)), exception, agent.Id);
        }
        finally
        {
            if (OpenPages.AddOrUpdate(agent.Id, 0, (_, count) => count - 1) <= 0)
            {
                OpenPages.TryRemove(KeyValuePair.Create(agent.Id, 0));

                // The agent's last page on this instance closed: they are no longer offered to users.
                await presence.GoneAsync(agent.Id, CancellationToken.None);
            }
        }
    }

    /// <summary>The signed-in agent as the live chat knows them: the console's stable id for ownership, the name users are told.</summary>
    private static HandoffAgent? AgentOf(HttpContext context) =>
        HelpdeskAgent.From(context.User) is { } agent ? new HandoffAgent(agent.Id, agent.DisplayName, AgentChannel.Console) : null;

    private static IResult Asset(string name, string contentType) =>
        TypedResults.Content(Assets.GetOrAdd(name, static key =>
        {
            using var stream = typeof(LiveChatConsoleApi).Assembly.GetManifestResourceStream($"CaaBot.Web.HelpdeskConsole.LiveChat.Assets.{key}")
                ?? throw new InvalidOperationException($"Embedded asset {key} is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }), contentType);
}
