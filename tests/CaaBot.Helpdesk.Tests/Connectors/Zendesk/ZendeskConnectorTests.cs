using System.Text.Json.Nodes;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Zendesk;
using CaaBot.Helpdesk.Tests.Connectors.LocalServers;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Connectors.Zendesk;

public sealed class ZendeskConnectorTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly RecordingLogger<ZendeskConnector> _logger = new();
    private FakeZendesk _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeZendesk.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_FullTicket_SendsEveryFieldWithAPlainTextBody()
    {
        var external = await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var (id, ticket) = Assert.Single(_fake.Tickets);
        Assert.Equal(new ExternalTicket("zendesk", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "#" + id, new Uri(_fake.Server.BaseUrl, "agent/tickets/" + id)), external);
        Assert.Equal("[CAA-000042] Teams sign-in 0xCAA20003 on Windows PC", (string?)ticket["subject"]);
        Assert.Equal("CAA-000042", (string?)ticket["external_id"]);
        Assert.Equal("high", (string?)ticket["priority"]);
        Assert.Equal(360001, (long?)ticket["group_id"]);
        Assert.Equal(["caabot", "caabot_group_identity", "caabot_code_0xcaa20003"], ((JsonArray)ticket["tags"]!).Select(tag => (string?)tag));
        Assert.Equal("Ada <Lovelace>", (string?)ticket["requester"]!["name"]);
        Assert.Equal("ada@example.com", (string?)ticket["requester"]!["email"]);
        var comment = (JsonObject)ticket["comment"]!;
        // body (plain text, which Zendesk escapes when it shows it), never html_body: typed markup cannot become HTML.
        Assert.Null(comment["html_body"]);
        var body = (string)comment["body"]!;
        Assert.Contains("It fails every morning. " + ConnectorTickets.Hostile, body, StringComparison.Ordinal);
        Assert.Contains("1. Sync the clock – still broken (2026-03-02 08:21:00 UTC)", body, StringComparison.Ordinal);
        Assert.Contains("Phone: +44 20 7946 0000", body, StringComparison.Ordinal);
        Assert.Contains("Correlation id: corr-7f3e", body, StringComparison.Ordinal);
        Assert.Contains("Device: Windows PC", body, StringComparison.Ordinal);
        Assert.Contains(ConnectorTickets.Transcript.Text, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Always_UploadsTheTranscriptByteForByteAndUsesItsToken()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var (id, ticket) = Assert.Single(_fake.Tickets);
        var (token, upload) = Assert.Single(_fake.Uploads);
        Assert.Equal(ConnectorTickets.Transcript.TranscriptJson.ToArray(), upload.Bytes);
        Assert.Equal("conversation.transcript", upload.FileName);
        Assert.Equal("application/binary", upload.ContentType);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), upload.TableSysId);
        Assert.Equal([token], ((JsonArray)ticket["comment"]!["uploads"]!).Select(t => (string?)t));
        Assert.Equal("?filename=conversation.transcript", Assert.Single(_fake.Server.To("POST", "/api/v2/uploads.json")).Query);
    }

    [Fact]
    public async Task CreateAsync_Always_AuthenticatesAsEmailSlashToken()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("agent@example.com/token:" + FakeZendesk.ApiToken));
        Assert.All(_fake.Server.Received, request => Assert.Equal(expected, request.Header("Authorization")));
    }

    [Fact]
    public async Task CreateAsync_NoContactEmail_LeavesTheRequesterToZendesk()
    {
        var ticket = ConnectorTickets.Full();
        ticket = ticket with { Request = ticket.Request with { Requester = ticket.Request.Requester with { ContactEmail = null } } };

        await Connector().CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Null(Assert.Single(_fake.Tickets).Value["requester"]);
    }

    [Theory]
    [InlineData("low", "low")]
    [InlineData("normal", "normal")]
    [InlineData("high", "high")]
    [InlineData("whatever", "normal")]
    public void MapPriority_BotPriority_IsAZendeskPriority(string priority, string expected) =>
        Assert.Equal(expected, ZendeskConnector.MapPriority(priority));

    [Fact]
    public async Task CreateAsync_WrongToken_IsPermanentAndLogsNoSecret()
    {
        var error = await ConnectorTickets.FailsAsync(
            () => Connector(Options() with { ApiToken = "not-the-token-xyz" }).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None),
            permanent: true);

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_logger.Entries, entry => (entry.Message + string.Join(" ", entry.Values)).Contains("not-the-token-xyz", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(403, true)]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task CreateAsync_SystemAnswersStatus_MapsPermanence(int status, bool permanent)
    {
        _fake.Server.FailNext(LocalFault.Status(status), request => request.Method == "POST" && request.Path == "/api/v2/tickets.json");

        await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent);

        Assert.Empty(_fake.Tickets);
    }

    [Fact]
    public async Task CreateAsync_RateLimited_IsTransientWithRetryAfter()
    {
        _fake.Server.FailNext(LocalFault.Status(429, "93"), request => request.Path == "/api/v2/uploads.json");

        var error = await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: false);

        Assert.Equal(TimeSpan.FromSeconds(93), error.RetryAfter);
    }

    [Fact]
    public async Task CreateAsync_TicketStoredButAnswerLost_FindAsyncFindsItAndARetryCreatesNoSecond()
    {
        _fake.Server.FailNext(LocalFault.HangAfterHandling, request => request.Method == "POST" && request.Path == "/api/v2/tickets.json");
        var connector = Connector(Options() with { Timeout = ConnectorTickets.HungRequestTimeout });
        var ticket = ConnectorTickets.Full();

        var error = await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None), permanent: false);
        connector = Connector(); // only the hung request was meant to time out; the next attempt has the usual time
        var found = await connector.FindAsync(ticket, CancellationToken.None);
        var again = await connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        var (id, _) = Assert.Single(_fake.Tickets);
        Assert.Equal("#" + id, found?.DisplayNumber);
        Assert.Equal(found, again);
        Assert.Single(_fake.Uploads);
    }

    [Fact]
    public async Task FindAsync_OtherTicketsOnly_IsNull()
    {
        await Connector().CreateAsync(ConnectorTickets.Full("CAA-000001"), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Null(await Connector().FindAsync(ConnectorTickets.Full("CAA-000002"), CancellationToken.None));
        Assert.Equal("?external_id=CAA-000002", _fake.Server.To("GET", "/api/v2/tickets.json").Last().Query);
    }

    [Theory]
    [InlineData("new", TicketStatus.New)]
    [InlineData("open", TicketStatus.InProgress)]
    [InlineData("pending", TicketStatus.InProgress)]
    [InlineData("hold", TicketStatus.InProgress)]
    [InlineData("solved", TicketStatus.Resolved)]
    [InlineData("closed", TicketStatus.Closed)]
    public async Task GetStatusAsync_TicketStatus_MapsToOurStatus(string status, TicketStatus expected)
    {
        var connector = Connector();
        var external = await connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);
        _fake.SetStatus(long.Parse(external.Id, System.Globalization.CultureInfo.InvariantCulture), status);

        Assert.Equal(new ExternalTicketStatus(expected, status, null), await connector.GetStatusAsync(external, CancellationToken.None));
    }

    [Fact]
    public async Task GetStatusAsync_TicketGone_IsPermanent() =>
        await ConnectorTickets.FailsAsync(() => Connector().GetStatusAsync(new ExternalTicket("zendesk", "999999", "#999999", null), CancellationToken.None), permanent: true);

    [Fact]
    public void Constructor_IncompleteOptions_ListsEveryProblem()
    {
        var options = new ZendeskConnectorOptions { Tags = ["two words"], Timeout = TimeSpan.Zero };

        var error = Assert.Throws<ArgumentException>(() => new ZendeskConnector(_http, options, TimeProvider.System, _logger));

        foreach (var part in new[] { "SubdomainUrl is required", "Email is required", "ApiToken is required", "Tags must be single words", "Timeout must be more than 0" })
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_ToString_HidesTheToken() =>
        Assert.DoesNotContain(FakeZendesk.ApiToken, Options().ToString(), StringComparison.Ordinal);

    private ZendeskConnectorOptions Options() => new()
    {
        SubdomainUrl = _fake.Server.BaseUrl,
        Email = FakeZendesk.Email,
        ApiToken = FakeZendesk.ApiToken,
        GroupIds = new Dictionary<string, long> { ["identity"] = 360001 },
    };

    private ZendeskConnector Connector(ZendeskConnectorOptions? options = null) => new(_http, options ?? Options(), TimeProvider.System, _logger);
}
