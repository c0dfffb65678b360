using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Jira;
using CaaBot.Helpdesk.Tests.Connectors.LocalServers;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Connectors.Jira;

public sealed class JiraConnectorTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private readonly RecordingLogger<JiraConnector> _logger = new();
    private FakeJiraServiceManagement _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeJiraServiceManagement.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task CreateAsync_FullTicket_RaisesOneRequestWithEveryField()
    {
        var external = await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var request = Assert.Single(_fake.Requests.Values);
        Assert.Equal(new ExternalTicket("jira", "SUP-1", "SUP-1", new Uri(_fake.Server.BaseUrl, "browse/SUP-1")), external);
        Assert.Equal("[CAA-000042] Teams sign-in 0xCAA20003 on Windows PC", request.Summary);
        Assert.Null(request.RaiseOnBehalfOf);
        var description = request.Description;
        Assert.Contains("Error code: 0xCAA20003", description, StringComparison.Ordinal);
        Assert.Contains("Device: Windows PC", description, StringComparison.Ordinal);
        Assert.Contains("Priority: high", description, StringComparison.Ordinal);
        Assert.Contains("Email: ada@example.com", description, StringComparison.Ordinal);
        Assert.Contains("Phone: \\+44 20 7946 0000", description, StringComparison.Ordinal);
        Assert.Contains("Correlation id: corr\\-7f3e", description, StringComparison.Ordinal);
        Assert.Contains("1. Sync the clock – still broken (2026-03-02 08:21:00 UTC)", description, StringComparison.Ordinal);
        Assert.Contains("3. Reset the account broker – asked for a person (2026-03-02 08:28:00 UTC)", description, StringComparison.Ordinal);
        Assert.Contains("Device clock is 7 minutes behind the server.", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_UserTextWithWikiMarkup_StaysInertInNoformatBlocks()
    {
        var ticket = ConnectorTickets.Full();
        ticket = ticket with { Request = ticket.Request with { Requester = ticket.Request.Requester with { Name = "Ada *[x|https://evil.example]*" } } };

        await Connector().CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        var description = Assert.Single(_fake.Requests.Values).Description;
        // Values are backslash-escaped; typed text sits in {noformat} blocks that a typed "{noformat}" cannot close.
        Assert.Contains("Requester: Ada \\*\\[x\\|https://evil.example\\]\\*", description, StringComparison.Ordinal);
        Assert.Contains("{noformat}\nIt fails every morning. <script>alert('x')</script> *bold* _it_ [click|https://evil.example] { noformat}{code}", description, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(description, "{noformat}"));
        Assert.Contains("[https://files.example/s/1?a=b%7Cc]", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_HugeConversation_IsCutInsideItsBlockWithinTheLimit()
    {
        var huge = new TicketTranscript(string.Concat(Enumerable.Repeat("08:20 Ada: {noformat} the same line again\n", 2000)), ConnectorTickets.Transcript.TranscriptJson);

        await Connector(Options() with { MaxDescriptionLength = 5000 }).CreateAsync(ConnectorTickets.Full(), huge, CancellationToken.None);

        var description = Assert.Single(_fake.Requests.Values).Description;
        Assert.InRange(description.Length, 4000, 5000);
        Assert.EndsWith("[the rest is in the attached conversation.transcript]\n{noformat}", description, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(description, "{noformat}"));
    }

    [Fact]
    public async Task CreateAsync_UserWordsLongerThanTheLimit_WholeDescriptionBecomesOneClosedBlock()
    {
        var ticket = ConnectorTickets.Full();
        ticket = ticket with { Request = ticket.Request with { UserWords = string.Concat(Enumerable.Repeat("*bold* [x|https://evil.example] {noformat} ", 100)) } };

        await Connector(Options() with { MaxDescriptionLength = 1000 }).CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        var description = Assert.Single(_fake.Requests.Values).Description;
        Assert.InRange(description.Length, 900, 1000);
        Assert.StartsWith("{noformat}\nCaaBot ticket CAA-000042", description, StringComparison.Ordinal);
        Assert.EndsWith(" … [truncated]\n{noformat}", description, StringComparison.Ordinal);
        Assert.Equal(2, CountOf(description, "{noformat}"));
    }

    [Fact]
    public async Task CreateAsync_Always_AttachesTheTranscriptPrivatelyByteForByte()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var attachment = Assert.Single(Assert.Single(_fake.Requests.Values).Attachments);
        Assert.Equal(ConnectorTickets.Transcript.TranscriptJson.ToArray(), attachment.Bytes);
        Assert.Equal("conversation.transcript", attachment.FileName);
        Assert.False(attachment.IsPublic);
        Assert.Empty(_fake.TemporaryFiles);
        var upload = Assert.Single(_fake.Server.To("POST", "/rest/servicedeskapi/servicedesk/4/attachTemporaryFile"));
        Assert.Equal("no-check", upload.Header("X-Atlassian-Token"));
        Assert.StartsWith("multipart/form-data", upload.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_OnBehalfOfRequester_SendsTheirEmail()
    {
        await Connector(Options() with { RaiseOnBehalfOfRequester = true }).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Equal("ada@example.com", Assert.Single(_fake.Requests.Values).RaiseOnBehalfOf);
    }

    [Fact]
    public async Task CreateAsync_Always_AuthenticatesWithEmailAndToken()
    {
        await Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);

        var expected = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(FakeJiraServiceManagement.Email + ":" + FakeJiraServiceManagement.ApiToken));
        Assert.All(_fake.Server.Received, request => Assert.Equal(expected, request.Header("Authorization")));
    }

    [Fact]
    public async Task CreateAsync_UnknownRequestType_IsPermanent()
    {
        var error = await ConnectorTickets.FailsAsync(
            () => Connector(Options() with { RequestTypeId = "99" }).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None),
            permanent: true);

        Assert.Contains("400", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests);
    }

    [Fact]
    public async Task CreateAsync_WrongToken_IsPermanentAndLogsNoSecret()
    {
        var error = await ConnectorTickets.FailsAsync(
            () => Connector(Options() with { ApiToken = "leaked-token-value" }).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None),
            permanent: true);

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        var logged = string.Join("\n", _logger.Entries.Select(entry => entry.Message + string.Join(" ", entry.Values)));
        Assert.DoesNotContain("leaked-token-value", logged, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, true)]
    [InlineData(404, true)]
    [InlineData(422, true)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public async Task CreateAsync_SystemAnswersStatus_MapsPermanence(int status, bool permanent)
    {
        _fake.Server.FailNext(LocalFault.Status(status), request => request.Path == "/rest/servicedeskapi/request");

        await ConnectorTickets.FailsAsync(() => Connector().CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None), permanent);
    }

    [Fact]
    public async Task CreateAsync_RateLimitedWithHttpDate_IsTransientWithTheWait()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.Zero));
        _fake.Server.FailNext(LocalFault.Status(429, "Mon, 02 Mar 2026 08:31:30 GMT"), request => request.Method == "POST");

        var error = await ConnectorTickets.FailsAsync(
            () => new JiraConnector(_http, Options(), clock, _logger).CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None),
            permanent: false);

        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
    }

    [Fact]
    public async Task CreateAsync_TemporaryUploadHangs_TimesOutAndTheRetryAttachesToTheSameRequest()
    {
        _fake.Server.FailNext(LocalFault.Hang, request => request.Path.EndsWith("/attachTemporaryFile", StringComparison.Ordinal));
        var connector = Connector(Options() with { Timeout = ConnectorTickets.HungRequestTimeout });
        var ticket = ConnectorTickets.Full();

        var error = await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None), permanent: false);
        connector = Connector(); // only the hung request was meant to time out; the next attempt has the usual time
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Null(await connector.FindAsync(ticket, CancellationToken.None));
        var retried = await connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        var request = Assert.Single(_fake.Requests.Values);
        Assert.Equal(request.IssueKey, retried.Id);
        Assert.Single(request.Attachments);
        Assert.Equal(retried, await connector.FindAsync(ticket, CancellationToken.None));
    }

    [Fact]
    public async Task FindAsync_CreateStoredButAnswerLost_FindsItAfterTheRetryCompletesIt()
    {
        _fake.Server.FailNext(LocalFault.HangAfterHandling, request => request.Path == "/rest/servicedeskapi/request");
        var connector = Connector(Options() with { Timeout = ConnectorTickets.HungRequestTimeout });
        var ticket = ConnectorTickets.Full();

        await ConnectorTickets.FailsAsync(() => connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None), permanent: false);
        connector = Connector(); // only the hung request was meant to time out; the next attempt has the usual time
        await connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);
        await connector.CreateAsync(ticket, ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Single(_fake.Requests);
        Assert.Single(_fake.Requests.Values.Single().Attachments);
        Assert.Single(_fake.Server.To("POST", "/rest/servicedeskapi/request"), r => r.Path == "/rest/servicedeskapi/request");
    }

    [Fact]
    public async Task FindAsync_SimilarNumberOnly_IsNotMistakenForTheTicket()
    {
        var connector = Connector();
        await connector.CreateAsync(ConnectorTickets.Full("CAA-000042"), ConnectorTickets.Transcript, CancellationToken.None);

        Assert.Null(await connector.FindAsync(ConnectorTickets.Full("CAA-00004"), CancellationToken.None));
        Assert.NotNull(await connector.FindAsync(ConnectorTickets.Full("CAA-000042"), CancellationToken.None));
        var search = _fake.Server.To("GET", "/rest/api/3/search/jql").Last();
        Assert.Contains("jql=project%20%3D%20%22SUP%22%20AND%20summary%20~%20%22%5C%22CAA-000042%5C%22%22", search.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NEW", "Waiting for support", TicketStatus.New)]
    [InlineData("INDETERMINATE", "In progress", TicketStatus.InProgress)]
    [InlineData("INDETERMINATE", "Waiting for customer", TicketStatus.InProgress)]
    [InlineData("DONE", "Resolved", TicketStatus.Resolved)]
    [InlineData("DONE", "Closed", TicketStatus.Closed)]
    [InlineData("DONE", "Canceled", TicketStatus.Closed)]
    [InlineData("UNDEFINED", "Odd", TicketStatus.InProgress)]
    public async Task GetStatusAsync_StatusCategory_MapsToOurStatus(string category, string status, TicketStatus expected)
    {
        var connector = Connector();
        var external = await connector.CreateAsync(ConnectorTickets.Full(), ConnectorTickets.Transcript, CancellationToken.None);
        _fake.SetStatus(external.Id, status, category);

        Assert.Equal(new ExternalTicketStatus(expected, status, null), await connector.GetStatusAsync(external, CancellationToken.None));
    }

    [Fact]
    public void Constructor_IncompleteOptions_ListsEveryProblem()
    {
        var options = new JiraConnectorOptions { SiteUrl = new Uri("https://example.atlassian.net/?x=1"), ServiceDeskId = "four", ProjectKey = "sup" };

        var error = Assert.Throws<ArgumentException>(() => new JiraConnector(_http, options, TimeProvider.System, _logger));

        foreach (var part in new[] { "SiteUrl must not contain a query", "Email is required", "ApiToken is required", "ServiceDeskId is required and must be a number", "RequestTypeId is required", "ProjectKey is required" })
        {
            Assert.Contains(part, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_ToString_HidesTheToken() =>
        Assert.DoesNotContain(FakeJiraServiceManagement.ApiToken, Options().ToString(), StringComparison.Ordinal);

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private JiraConnectorOptions Options() => new()
    {
        SiteUrl = _fake.Server.BaseUrl,
        Email = FakeJiraServiceManagement.Email,
        ApiToken = FakeJiraServiceManagement.ApiToken,
        ServiceDeskId = FakeJiraServiceManagement.ServiceDeskId,
        RequestTypeId = FakeJiraServiceManagement.RequestTypeId,
        ProjectKey = FakeJiraServiceManagement.ProjectKey,
    };

    private JiraConnector Connector(JiraConnectorOptions? options = null) => new(_http, options ?? Options(), TimeProvider.System, _logger);
}
