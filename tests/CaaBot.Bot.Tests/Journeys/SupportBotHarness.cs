using CaaBot.Bot.Diagnostics;
using CaaBot.Bot.Dialogs;
using CaaBot.Bot.FollowUps;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Bot.Guides;
using CaaBot.Bot.Insights;
using CaaBot.Bot.Support;
using CaaBot.Conversations.Continuation;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Testing;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Conversations.Turns;
using CaaBot.Conversations.Transcripts;
using CaaBot.Helpdesk.BuiltIn;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Handoff;
using CaaBot.Bot.LiveChat;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// The real support bot over in-memory storage, the shipped playbooks (or a copy the test may edit), the built-in
/// helpdesk queue and a manual clock. Several conversations of one user share the stores.
/// </summary>
internal sealed class SupportBotHarness : IAsyncDisposable
{
    private readonly string? _ownedFolder;

    private SupportBotHarness(
        ManualTimeProvider clock, PlaybookCatalog catalog, string? ownedFolder, IReadOnlyList<IHelpdeskConnector>? connectors = null, IncidentOptions? incidents = null)
    {
        Clock = clock;
        Catalog = catalog;
        _ownedFolder = ownedFolder;
        Library = new PlaybookLibrary(catalog);
        var queue = new BuiltInTicketQueue(Store, Streams, Clock, NullLogger<BuiltInTicketQueue>.Instance);
        Tickets = queue;
        Outbox = connectors is null
            ? null
            : new HelpdeskOutbox(Store, Streams, queue, new HelpdeskConnectors(connectors), new OutboxOptions(), Clock, NullLogger<HelpdeskOutbox>.Instance);
        if (incidents is not null)
        {
            IncidentRecords = new IncidentRecords(Store, Streams, incidents, NullLogger<IncidentRecords>.Instance);
            Incidents = new IncidentService(IncidentRecords, Store, Streams, Tickets, incidents, Clock, NullLogger<IncidentService>.Instance, Outbox);
        }

        var triage = new TriageDialog(Library, new ClockSkewCheck(Clock), Clock, IncidentRecords);
        Insights = new InsightStream(Streams, NullLogger<InsightStream>.Instance);
        var insights = new InsightRecorder(Insights, Clock);
        var guide = new GuidedFixDialog(Library, Clock, insights);
        Scheduler = new TurnScheduler(Store, Streams, Clock, NullLogger<TurnScheduler>.Instance);
        Presence = new AgentPresence(Store, Clock);
        Desk = new LiveHandoffDesk(Store, Streams, [new LiveChatRelay(Scheduler, Clock), new LiveChatInsights(insights)], Clock, NullLogger<LiveHandoffDesk>.Instance);
        LiveChat = new LiveChatConversation(Desk, new LiveChatAvailability(Presence, Microsoft.Extensions.Options.Options.Create(LiveChatOptions), Clock), Streams, Clock, insights);
        var escalation = new EscalationDialog(Library, Tickets, Clock, Outbox, Incidents, LiveChat);
        FollowUps = new FixFollowUps(Scheduler, FollowUpOptions, Clock);
        var support = new SupportDialog(triage, guide, escalation, Library, FollowUps, Clock, insights);
        ContinuationCodes = new ContinuationCodes(Store, Clock);
        Bot = new SupportBot(
            new DialogRunner(support, new DialogRunnerOptions { Interruptions = SupportInterruptions.Create(Clock, ContinuationCodes, Tickets, FollowUps, Outbox) }),
            FollowUps,
            Clock,
            LiveChat);
        Adapter = NewAdapter(new TestAdapterOptions { ConversationId = "conversation-1" });
    }

    public static DateTimeOffset Start { get; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Clock { get; }

    /// <summary>The shared document store; wrap it with <see cref="ConflictInjectingStore"/> to make turns re-run.</summary>
    public ConflictInjectingStore Store { get; } = new(new InMemoryDocumentStore());

    public IStreamStore Streams { get; } = new InMemoryStreamStore();

    public PlaybookCatalog Catalog { get; }

    /// <summary>The insight events recorded for the helpdesk lead (on <see cref="Streams"/>).</summary>
    public InsightStream Insights { get; }

    public PlaybookLibrary Library { get; }

    public ITicketQueue Tickets { get; }

    /// <summary>The outbox to external helpdesk systems, when the harness was created with connectors.</summary>
    public HelpdeskOutbox? Outbox { get; }

    public SupportBot Bot { get; }

    /// <summary>Incident detection, when the harness was created with incident options.</summary>
    public IncidentService? Incidents { get; }

    public IncidentRecords? IncidentRecords { get; }

    public TestAdapter Adapter { get; }

    public ContinuationCodes ContinuationCodes { get; }

    public TurnScheduler Scheduler { get; }

    public FixFollowUps FollowUps { get; }

    /// <summary>The live hand-off; nobody is present (so no live chat is offered) until a test says an agent is.</summary>
    public LiveHandoffDesk Desk { get; }

    public AgentPresence Presence { get; }

    public LiveChatConversation LiveChat { get; }

    /// <summary>Live-chat settings (business hours, expected response); change before the conversation that escalates.</summary>
    public LiveChatOptions LiveChatOptions { get; } = new();

    /// <summary>Settings of the next-day check; change before the conversation that fixes something.</summary>
    public FollowUpOptions FollowUpOptions { get; } = new();

    /// <summary>
    /// Runs the scheduled turns due by now, as the host's worker does, each through <paramref name="adapter"/> (the
    /// conversation it belongs to). Returns the ids of the turns run.
    /// </summary>
    public async Task<IReadOnlyList<string>> RunDueScheduledTurnsAsync(TestAdapter adapter)
    {
        var dispatcher = new AdapterDispatcher(adapter, Bot, Clock);
        await Scheduler.RunDueAsync(dispatcher, CancellationToken.None);
        return dispatcher.Ran;
    }

    /// <summary>Folder the catalog reads; a private copy when the harness was created with <see cref="CreateWithEditablePlaybooksAsync"/>.</summary>
    public string PlaybookFolder => Catalog.Folder;

    public static async Task<SupportBotHarness> CreateAsync(IReadOnlyList<IHelpdeskConnector>? connectors = null, IncidentOptions? incidents = null)
    {
        var clock = new ManualTimeProvider(Start);
        var catalog = NewCatalog(PlaybookCatalogOptions.ShippedFolder, clock);
        await catalog.ReloadAsync(CancellationToken.None);
        return new SupportBotHarness(clock, catalog, null, connectors, incidents);
    }

    /// <summary>A harness over a private copy of the shipped playbooks, for tests that edit them mid-conversation.</summary>
    public static async Task<SupportBotHarness> CreateWithEditablePlaybooksAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caabot-playbooks-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(PlaybookCatalogOptions.ShippedFolder, folder);
        var clock = new ManualTimeProvider(Start);
        var catalog = NewCatalog(folder, clock);
        await catalog.ReloadAsync(CancellationToken.None);
        return new SupportBotHarness(clock, catalog, folder);
    }

    public TestFlow Flow() => new(Adapter, Bot);

    /// <summary>The same user in a new conversation (another device or channel session) over the same stores.</summary>
    public TestFlow FlowInNewConversation(string conversationId) => new(NewAdapter(new TestAdapterOptions { ConversationId = conversationId }), Bot);

    /// <summary>A conversation on another channel, as another (or the same) person; user state is keyed as the host keys it.</summary>
    public TestFlow FlowOn(TestAdapterOptions options) => new(NewAdapter(options), Bot);

    public Playbook Playbook(string id) =>
        Catalog.Current.TryGetById(id, out var playbook) ? playbook : throw new InvalidOperationException($"No playbook '{id}'.");

    public async ValueTask DisposeAsync()
    {
        await Catalog.DisposeAsync();
        if (_ownedFolder is not null && Directory.Exists(_ownedFolder))
        {
            Directory.Delete(_ownedFolder, recursive: true);
        }
    }

    private TestAdapter NewAdapter(TestAdapterOptions options) =>
        new(options with { Store = Store, Clock = Clock, Middleware = [new TranscriptLoggerMiddleware(Streams)], ProcessorOptions = new TurnProcessorOptions { UserStateKeys = new DirectoryUserStateKeyResolver() } });

    private static PlaybookCatalog NewCatalog(string folder, TimeProvider clock) =>
        new(new PlaybookCatalogOptions { PlaybookFolder = folder, WatchForChanges = false }, new PlaybookLoader(), clock, NullLogger<PlaybookCatalog>.Instance);

    /// <summary>The user's support case as stored in user state (what a later conversation will see).</summary>
    public async Task<SupportCase?> StoredCaseAsync(string userStateKey = "user/test/user-1")
    {
        var stored = await Store.ReadAsync(userStateKey, CancellationToken.None);
        if (stored is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(stored.Content);
        return document.RootElement.GetProperty("properties").TryGetProperty("supportCase", out var value)
            ? value.Deserialize<SupportCase>(CaseJson)
            : null;
    }

    private sealed class AdapterDispatcher(TestAdapter adapter, IBot bot, TimeProvider clock) : IScheduledTurnDispatcher
    {
        public List<string> Ran { get; } = [];

        public async Task<ScheduledTurnOutcome> DispatchAsync(ScheduledTurn turn, CancellationToken cancellationToken)
        {
            Ran.Add(turn.Id);
            await adapter.ProcessActivityAsync(turn.ToActivity(clock.GetUtcNow()), new ScheduledTurnBot(bot, turn), cancellationToken);
            return ScheduledTurnOutcome.Ran;
        }
    }

    private static readonly JsonSerializerOptions CaseJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
