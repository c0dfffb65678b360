using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.ServiceNow;
using CaaBot.Helpdesk.Tests.Connectors.LocalServers;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Connectors.ServiceNow;

public sealed class ServiceNowConnectorTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly RecordingLogger<ServiceNowConnector> _logger = new();
    private FakeServiceNow _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeServiceNow.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_FullTicket_SendsEveryFieldAsPlainText()
    {
        var ticket = ConnectorTickets.Full();

        await Connector().CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        var incident = Assert.Single(_fake.Incidents.Values);
        Assert.Equal("[CAA-000042] Teams sign-in 0xCAA20003 on Windows PC", (string?)incident["short_description"]);
        Assert.Equal("CAA-000042", (string?)incident["correlation_id"]);
        Assert.Equal("CaaBot", (string?)incident["correlation_display"]);
        Assert.Equal("1", (string?)incident["urgency"]);
        Assert.Equal("2", (string?)incident["impact"]);
        Assert.Equal("group-identity-sysid", (string?)incident["assignment_group"]);
        Assert.Equal("software", (string?)incident["category"]);
        Assert.Equal("caller-sysid", (string?)incident["caller_id"]);
        var description = (string)incident["description"]!;
        // A plain-text field: what the user typed arrives exactly as typed, neither escaped nor interpreted.
        Assert.Contains("It fails every morning. " + ConnectorTickets.Hostile + "\nSecond line.", description, StringComparison.Ordinal);
        Assert.Contains("Error code: 0xCAA20003", description, StringComparison.Ordinal);
        Assert.Contains("Device: Windows PC", description, StringComparison.Ordinal);
        Assert.Contains("Guide: caa20003 – Clock out of sync", description, StringComparison.Ordinal);
        Assert.Contains("Helpdesk group: identity", description, StringComparison.Ordinal);
        Assert.Contains("Priority: high", description, StringComparison.Ordinal);
        Assert.Contains("Requester: Ada <Lovelace>", description, StringComparison.Ordinal);
        Assert.Contains("Email: ada@example.com", description, StringComparison.Ordinal);
        Assert.Contains("Phone: +44 20 7946 0000", description, StringComparison.Ordinal);
        Assert.Contains("Correlation id: corr-7f3e", description, StringComparison.Ordinal);
        Assert.Contains("1. Sync the clock – still broken (2026-03-02 08:21:00 UTC)", description, StringComparison.Ordinal);
        Assert.Contains("2. Clear the Teams cache – skipped (2026-03-02 08:25:00 UTC)", description, StringComparison.Ordinal);
        Assert.Contains("3. Reset the account broker – asked for a person (2026-03-02 08:28:00 UTC)", description, StringComparison.Ordinal);
        Assert.Contains("- Device clock is 7 minutes behind the server.", description, StringComparison.Ordinal);
        Assert.Contains("screenshot.png (image/png, 2026-03-02 08:27:00 UTC): https://files.example/s/1?a=b|c", description, StringComparison.Ordinal);
        Assert.Contains(ConnectorTickets.Transcript.Text, description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Always_AttachesTheTranscriptByteForByteAndNamesTheIncident()
    {
        var external = await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var incident = Assert.Single(_fake.Incidents.Values);
        var attachment = Assert.Single(_fake.Attachments);
        Assert.Equal(ConnectorTickets.Transcript.TranscriptJson.ToArray(), attachment.Bytes);
        Assert.Equal("conversation.transcript", attachment.FileName);
        Assert.Equal("application/json", attachment.ContentType);
        Assert.Equal((string?)incident["sys_id"], attachment.TableSysId);
        Assert.Equal(new ExternalTicket("servicenow", (string)incident["sys_id"]!, (string)incident["number"]!, new Uri(_fake.Server.BaseUrl, "incident.do?sys_id=" + (string)incident["sys_id"]!)), external);
        Assert.StartsWith("INC00", external.DisplayNumber, StringComparison.Ordinal);
        var upload = Assert.Single(_fake.Server.To("POST", "/api/now/attachment/file"));
        Assert.Contains("file_name=conversation.transcript", upload.Query, StringComparison.Ordinal);
        Assert.Contains("table_name=incident", upload.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_BearerToken_IsSentInsteadOfBasic()
    {
        var connector = Connector(Options() with { Username = null, Password = null, BearerToken = FakeServiceNow.Token });

        await connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.All(_fake.Server.Received, request => Assert.Equal("Bearer " + FakeServiceNow.Token, request.Header("Authorization")));
        Assert.Single(_fake.Incidents);
    }

    [Fact]
    public async Task CreateAsync_WrongPassword_IsPermanentAndLogsNoSecret()
    {
        var connector = Connector(Options() with { Password = "wrong-password-123" });

        var error = await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: true);

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Incidents);
        var logged = string.Join("\n", _logger.Entries.Select(entry => entry.Message + string.Join(" ", entry.Values)));
        Assert.Contains("401", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, true)]
    [InlineData(401, true)]
    [InlineData(403, true)]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(408, false)]
    [InlineData(500, false)]
    [InlineData(502, false)]
    [InlineData(503, false)]
    public async Task CreateAsync_SystemAnswersStatus_MapsPermanence(int status, bool permanent)
    {
        _fake.Server.FailNext(LocalFault.Status(status), request => request.Method == "POST");

        var error = await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent);

        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);
    }

    [Fact]
    public async Task CreateAsync_RateLimited_IsTransientWithRetryAfter()
    {
        _fake.Server.FailNext(LocalFault.Status(429, "37"), request => request.Method == "POST");

        var error = await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: false);

        Assert.Equal(TimeSpan.FromSeconds(37), error.RetryAfter);
    }

    [Fact]
    public async Task CreateAsync_ProxyAnswersWithALoginPage_IsTransientNotSuccess()
    {
        _fake.Server.FailNext(LocalFault.LoginPage, request => request.Method == "POST");

        var error = await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: false);

        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_CallerCancels_IsCancellationNotADeliveryError()
    {
        _fake.Server.FailNext(LocalFault.Hang, request => request.Method == "POST");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, cancel.Token));
    }

    [Fact]
    public async Task CreateAsync_SystemHangs_TimesOutAsTransient()
    {
        _fake.Server.FailNext(LocalFault.Hang, request => request.Method == "POST");
        var connector = Connector(Options() with { Timeout = TimeSpan.FromMilliseconds(400) });

        var error = await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent: false);

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_IncidentStoredButAnswerLost_RetryFinishesTheSameIncident()
    {
        _fake.Server.FailNext(LocalFault.HangAfterHandling, request => request.Method == "POST" && request.Path == "/api/now/table/incident");
        var connector = Connector(Options() with { Timeout = ConnectorTickets.HungRequestTimeout });
        var ticket = ConnectorTickets.Full();

        await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None), permanent: false);
        connector = Connector(); // only the hung request was meant to time out; the next attempt has the usual time
        Assert.Single(_fake.Incidents);
        Assert.Null(await connector.FindAsync(ticket, CancellationToken.None)); // incomplete: no transcript yet
        var retried = await connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);
        var found = await connector.FindAsync(ticket, CancellationToken.None);

        var incident = Assert.Single(_fake.Incidents.Values);
        Assert.Equal((string?)incident["sys_id"], retried.Id);
        Assert.Equal(retried, found);
        Assert.Equal(ConnectorTickets.Transcript.TranscriptJson.ToArray(), Assert.Single(_fake.Attachments).Bytes);
    }

    [Fact]
    public async Task FindAsync_AttachmentStoredButAnswerLost_FindsTheIncidentSoNothingIsCreatedTwice()
    {
        _fake.Server.FailNext(LocalFault.HangAfterHandling, request => request.Path == "/api/now/attachment/file");
        var connector = Connector(Options() with { Timeout = ConnectorTickets.HungRequestTimeout });
        var ticket = ConnectorTickets.Full();

        await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None), permanent: false);
        connector = Connector(); // only the hung request was meant to time out; the next attempt has the usual time
        var found = await connector.FindAsync(ticket, CancellationToken.None);
        var again = await connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(found, again);
        Assert.Single(_fake.Incidents);
        Assert.Single(_fake.Attachments);
        Assert.Single(_fake.Server.To("POST", "/api/now/table/incident"));
    }

    [Fact]
    public async Task FindAsync_NeverDelivered_IsNull()
    {
        await Connector().CreateAsync(ConnectorTickets.Full("CAA-000001"), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Null(await Connector().FindAsync(ConnectorTickets.Full("CAA-000002"), CancellationToken.None));
    }

    [Theory]
    [InlineData("1", TicketStatus.New, "New")]
    [InlineData("2", TicketStatus.InProgress, "In Progress")]
    [InlineData("3", TicketStatus.InProgress, "On Hold")]
    [InlineData("6", TicketStatus.Resolved, "Resolved")]
    [InlineData("7", TicketStatus.Closed, "Closed")]
    [InlineData("8", TicketStatus.Closed, "Canceled")]
    [InlineData("42", TicketStatus.InProgress, "state 42")]
    public async Task GetStatusAsync_IncidentState_MapsToOurStatus(string state, TicketStatus expected, string word)
    {
        var connector = Connector();
        var external = await connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);
        _fake.SetState(external.Id, state);

        var status = await connector.GetStatusAsync(external, CancellationToken.None);

        Assert.Equal(new ExternalTicketStatus(expected, word, null), status);
    }

    [Fact]
    public async Task GetStatusAsync_IncidentDeleted_IsPermanent()
    {
        var external = new ExternalTicket("servicenow", "0123456789abcdef0123456789abcdef", "INC0000001", null);

        await ConnectorTickets.FailsAsync(() => Connector().GetStatusAsync(external, CancellationToken.None), permanent: true);
    }

    [Theory]
    [InlineData("low", "3", "3")]
    [InlineData("normal", "2", "3")]
    [InlineData("high", "1", "2")]
    [InlineData("unheard-of", "2", "3")]
    public void MapPriority_BotPriority_GivesUrgencyAndImpact(string priority, string urgency, string impact) =>
        Assert.Equal((urgency, impact), ServiceNowConnector.MapPriority(priority));

    [Fact]
    public void Constructor_IncompleteOptions_ListsEveryProblem()
    {
        var options = new ServiceNowConnectorOptions { InstanceUrl = new Uri("http://servicenow.example.com"), Username = "u", BearerToken = "t" };

        var error = Assert.Throws<ArgumentException>(() => new ServiceNowConnector(_http, options, TimeProvider.System, _logger));

        Assert.Contains("InstanceUrl must use https", error.Message, StringComparison.Ordinal);
        Assert.Contains("either Username and Password (basic auth) or BearerToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("'servicenow'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_HidesSecrets()
    {
        var text = Options().ToString();

        Assert.DoesNotContain(FakeServiceNow.Password, text, StringComparison.Ordinal);
        Assert.Contains("***", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_HugeUserText_DescriptionStaysWithinTheFieldLimit()
    {
        var ticket = ConnectorTickets.Full();
        var huge = new TicketTranscript(string.Concat(Enumerable.Repeat("08:20 Ada: the same line again\n", 500)), ConnectorTickets.Transcript.TranscriptJson);

        await Connector().CreateAsync(ticket, huge, CancellationToken.None);

        var description = (string)Assert.Single(_fake.Incidents.Values)["description"]!;
        Assert.InRange(description.Length, 3000, 4000);
        Assert.Contains("What the user said:", description, StringComparison.Ordinal);
        Assert.EndsWith("[the rest is in the attached conversation.transcript]", description, StringComparison.Ordinal);
    }

    private ServiceNowConnectorOptions Options() => new()
    {
        InstanceUrl = _fake.Server.BaseUrl,
        Username = FakeServiceNow.User,
        Password = FakeServiceNow.Password,
        AssignmentGroups = new Dictionary<string, string> { ["identity"] = "group-identity-sysid" },
        Category = "software",
        CallerId = "caller-sysid",
    };

    private ServiceNowConnector Connector(ServiceNowConnectorOptions? options = null) =>
        new(_http, options ?? Options(), TimeProvider.System, _logger);
}
