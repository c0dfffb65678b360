using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Tests.Infrastructure;

namespace CaaBot.Protocol.Tests.Connector;

/// <summary>A token provider that hands out one fixed token and counts the calls.</summary>
internal sealed class FixedTokenProvider(string? token) : IConnectorTokenProvider
{
    private int _calls;

    public int Calls => _calls;

    public Uri? LastServiceUrl { get; private set; }

    /// <summary>How many calls asked past the cache.</summary>
    public int ForcedRefreshes { get; private set; }

    public Task<string?> GetTokenAsync(Uri serviceUrl, bool forceRefresh, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        ForcedRefreshes += forceRefresh ? 1 : 0;
        LastServiceUrl = serviceUrl;
        return Task.FromResult(token);
    }
}

/// <summary>A <see cref="ConnectorClient"/> wired to a fake Connector, a manual clock and a recording logger.</summary>
internal sealed class ConnectorHarness : IDisposable
{
    public const string Token = "eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXRva2VuLXBheWxvYWQ.sig-7f3a9c";

    private readonly HttpClient _httpClient;

    public ConnectorHarness(
        RecordingHandler handler,
        ConnectorClientOptions? options = null,
        IConnectorTokenProvider? tokenProvider = null,
        TimeSpan? autoAdvanceBelow = null,
        Func<TimeProvider, ConversationSendPacer>? pacer = null)
    {
        Handler = handler;
        Options = options ?? new ConnectorClientOptions
        {
            MaxAttempts = 4,
            BaseDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(10),
            AttemptTimeout = TimeSpan.FromSeconds(30),
            OverallTimeout = TimeSpan.FromMinutes(5),
        };
        TokenProvider = tokenProvider ?? new FixedTokenProvider(Token);

        // Waits shorter than this elapse instantly; the attempt timeout and the deadline lie above it.
        Time = new ManualTimeProvider { AutoAdvanceBelow = autoAdvanceBelow ?? TimeSpan.FromSeconds(20) };
        _httpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        Client = new ConnectorClient(_httpClient, TokenProvider, Time, Options, Logger, pacer?.Invoke(Time));
    }

    public RecordingHandler Handler { get; }

    public ConnectorClientOptions Options { get; }

    public IConnectorTokenProvider TokenProvider { get; }

    public ManualTimeProvider Time { get; }

    public RecordingLogger<ConnectorClient> Logger { get; } = new();

    public ConnectorClient Client { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. Handler.Requests];

    public TimeSpan Elapsed => Time.GetUtcNow() - Time.Start;

    public void Dispose()
    {
        _httpClient.Dispose();
        Handler.Dispose();
    }
}
