using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Webhook;
using CaaBot.Helpdesk.Tests.Connectors.LocalServers;
using CaaBot.Helpdesk.Tests.Support;

namespace CaaBot.Helpdesk.Tests.Connectors.Webhook;

public sealed class WebhookConnectorTests : IAsyncLifetime
{
    private const string Secret = "whsec-0123456789abcdef0123456789abcdef";

    private readonly HttpClient _http = new();
    private readonly RecordingLogger<WebhookConnector> _logger = new();
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 31, 15, TimeSpan.Zero));
    private FakeWebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await FakeWebhookReceiver.StartAsync(Secret, _clock);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_FullTicket_PostsTheVersionedPayloadWithEveryField()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(_receiver.Records).Value);
        var root = json.RootElement;
        Assert.Equal("caabot.ticket.created", root.GetProperty("type").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        var ticket = root.GetProperty("ticket");
        Assert.Equal("CAA-000042", ticket.GetProperty("number").GetString());
        Assert.Equal(ConnectorTickets.CreatedAt, ticket.GetProperty("createdAt").GetDateTimeOffset());
        Assert.Equal("0xCAA20003", ticket.GetProperty("errorCode").GetString());
        Assert.Equal("Windows PC", ticket.GetProperty("device").GetString());
        Assert.Equal("caa20003", ticket.GetProperty("playbookId").GetString());
        Assert.Equal("Clock out of sync", ticket.GetProperty("playbookTitle").GetString());
        Assert.Equal("identity", ticket.GetProperty("group").GetString());
        Assert.Equal("high", ticket.GetProperty("priority").GetString());
        Assert.Equal("corr-7f3e", ticket.GetProperty("correlationId").GetString());
        Assert.Equal(ConnectorTickets.Full().Request.UserWords, ticket.GetProperty("userWords").GetString());
        Assert.Equal(["Device clock is 7 minutes behind the server."], ticket.GetProperty("findings").EnumerateArray().Select(f => f.GetString()));
        var steps = ticket.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["stillBroken", "skipped", "askedForPerson"], steps.Select(step => step.GetProperty("outcome").GetString()));
        Assert.Equal("sync-clock", steps[0].GetProperty("id").GetString());
        Assert.Equal("Sync the clock", steps[0].GetProperty("title").GetString());
        Assert.Equal(ConnectorTickets.CreatedAt.AddMinutes(-9), steps[0].GetProperty("at").GetDateTimeOffset());
        var contact = ticket.GetProperty("contact");
        Assert.Equal("Ada <Lovelace>", contact.GetProperty("name").GetString());
        Assert.Equal("ada@example.com", contact.GetProperty("email").GetString());
        Assert.Equal("+44 20 7946 0000", contact.GetProperty("phone").GetString());
        Assert.Equal("msteams", contact.GetProperty("channelId").GetString());
        Assert.Equal("29:1a2b3c", contact.GetProperty("userId").GetString());
        var attachment = Assert.Single(ticket.GetProperty("attachments").EnumerateArray());
        Assert.Equal("https://files.example/s/1?a=b|c", attachment.GetProperty("url").GetString());
        var transcript = root.GetProperty("transcript");
        Assert.Equal(ConnectorTickets.Transcript.Text, transcript.GetProperty("text").GetString());
        Assert.Equal("conversation.transcript", transcript.GetProperty("fileName").GetString());
        Assert.Equal(ConnectorTickets.Transcript.TranscriptJson.ToArray(), Convert.FromBase64String(transcript.GetProperty("base64").GetString()!));
    }

    [Fact]
    public async Task CreateAsync_UserTextWithMarkup_IsEscapedInTheRawJson()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var raw = Encoding.UTF8.GetString(Assert.Single(_receiver.Records).Value);
        Assert.DoesNotContain("<script>", raw, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003E", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Always_SignsTimestampDotBodyVerifiableIndependently()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var post = Assert.Single(_receiver.Server.Received);
        var timestamp = post.Header("X-CaaBot-Timestamp")!;
        Assert.Equal(_clock.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        // Computed here, with nothing from CaaBot: HMAC-SHA256 over "{timestamp}." + body, as hex after "sha256=".
        var expected = "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(post.Body).ToArray())).ToLowerInvariant();
        Assert.Equal(expected, post.Header("X-CaaBot-Signature"));
        Assert.Equal("CAA-000042", post.Header("Idempotency-Key"));
        Assert.Equal("caabot.ticket.created", post.Header("X-CaaBot-Event"));
        Assert.StartsWith("application/json", post.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ReceiverNamesItsRecord_ReturnsIt()
    {
        var external = await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Equal(new ExternalTicket("webhook", "wh-CAA-000042", "HD-42", new Uri("https://helpdesk.example/tickets/CAA-000042")), external);
    }

    [Theory]
    [InlineData(WebhookAnswer.NoContent)]
    [InlineData(WebhookAnswer.Text)]
    public async Task CreateAsync_ReceiverAnswersWithoutJson_IsKnownByOurNumber(WebhookAnswer answer)
    {
        _receiver.Answer = answer;

        var external = await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Equal(new ExternalTicket("webhook", "CAA-000042", "CAA-000042", null), external);
        Assert.Single(_receiver.Records);
    }

    [Fact]
    public async Task CreateAsync_Redelivered_ReceiverKeepsOneRecordAndTheSameReference()
    {
        var connector = Connector();
        var first = await connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);
        _clock.Now += TimeSpan.FromMinutes(3);
        var second = await connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(1, _receiver.Created);
        Assert.Equal(2, _receiver.Server.Received.Count);
    }

    [Fact]
    public async Task CreateAsync_WrongSecret_ReceiverRefusesAndItIsPermanent()
    {
        var connector = Connector(Options() with { Secret = "another-secret-0123456789abcdef0123" });

        var error = await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: true);

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Empty(_receiver.Records);
        Assert.DoesNotContain(_logger.Entries, entry => (entry.Message + string.Join(" ", entry.Values)).Contains("another-secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(500, false)]
    [InlineData(502, false)]
    public async Task CreateAsync_ReceiverAnswersStatus_MapsPermanence(int status, bool permanent)
    {
        _receiver.Server.FailNext(LocalFault.Status(status));

        await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent);
    }

    [Fact]
    public async Task CreateAsync_ServiceUnavailableWithRetryAfter_KeepsTheWait()
    {
        _receiver.Server.FailNext(LocalFault.Status(503, "120"));

        var error = await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: false);

        Assert.Equal(TimeSpan.FromMinutes(2), error.RetryAfter);
    }

    [Fact]
    public async Task CreateAsync_ReceiverHangs_TimesOutAsTransient()
    {
        _receiver.Server.FailNext(LocalFault.Hang);

        var error = await ConnectorTickets.FailsAsync(
            () => Connector(Options() with { Timeout = TimeSpan.FromMilliseconds(300) }).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None),
            permanent: false);

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NothingListens_IsTransient()
    {
        var url = _receiver.Url;
        await _receiver.DisposeAsync();

        await ConnectorTickets.FailsAsync(() => Connector(Options() with { Url = url }).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: false);

        _receiver = await FakeWebhookReceiver.StartAsync(Secret, _clock);
    }

    [Fact]
    public async Task FindAndStatus_PushOnly_AskNothing()
    {
        var connector = Connector();

        Assert.Null(await connector.FindAsync(ConnectorTickets.Full(), CancellationToken.None));
        Assert.Null(await connector.GetStatusAsync(new ExternalTicket("webhook", "x", "x", null), CancellationToken.None));
        Assert.Empty(_receiver.Server.Received);
    }

    [Fact]
    public void Constructor_IncompleteOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new WebhookConnector(_http, new WebhookConnectorOptions { Url = new Uri("http://helpdesk.example/hook"), Secret = "short" }, _clock, _logger));

        Assert.Contains("Url must use https", error.Message, StringComparison.Ordinal);
        Assert.Contains("Secret is required and must be at least 32 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_HidesTheSecret() =>
        Assert.DoesNotContain(Secret, Options().ToString(), StringComparison.Ordinal);

    private WebhookConnectorOptions Options() => new() { Url = _receiver.Url, Secret = Secret };

    private WebhookConnector Connector(WebhookConnectorOptions? options = null) => new(_http, options ?? Options(), _clock, _logger);
}
