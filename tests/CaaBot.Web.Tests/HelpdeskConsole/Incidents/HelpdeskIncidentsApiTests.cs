using System.Net;
using CaaBot.Helpdesk.Incidents;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Web.HelpdeskConsole.Authentication;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.HelpdeskConsole.Incidents;

/// <summary>The incident page over the real host: an outage's one ticket with everyone linked to it, for signed-in agents only.</summary>
public sealed class HelpdeskIncidentsApiTests : IDisposable
{
    private const string Password = "grace's long passphrase";
    private const string Hostile = "<script>alert(1)</script>";

    private readonly CaaBotHost _host = new(settings: new Dictionary<string, string?>
    {
        ["CaaBot:Helpdesk:Console:Accounts:0:UserName"] = "grace",
        ["CaaBot:Helpdesk:Console:Accounts:0:DisplayName"] = "Grace Lead",
        ["CaaBot:Helpdesk:Console:Accounts:0:PasswordHash"] = ConsolePasswordHasher.Hash(Password),
        ["CaaBot:Helpdesk:Incidents:Threshold"] = "3",
    });

    public void Dispose()
    {
        _host.Dispose();
        _host.DeleteData();
    }

    [Theory]
    [InlineData("/helpdesk/incidents")]
    [InlineData("/helpdesk/incidents/CAA-000001")]
    [InlineData("/helpdesk/incidents/CAA-000001/people.csv")]
    public async Task Incidents_NoSignedInAgent_AreRefused(string path)
    {
        var number = await OpenIncidentAsync();

        using var response = await new ConsoleBrowser(_host).GetAsync(path.Replace("CAA-000001", number, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("win11-laptop", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_SignedInAgent_ListsEveryoneLinkedWithWhatTheyTriedAndEscapesTheirText()
    {
        var number = await OpenIncidentAsync();
        await ReportAsync("late", "Dana", "iphone");

        using var response = await (await AgentAsync()).GetAsync(new Uri($"/helpdesk/incidents/{number}", UriKind.Relative));
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{number}: 0xCAA20003", page, StringComparison.Ordinal);
        Assert.Contains("4 people affected: 2 linked after it opened", page, StringComparison.Ordinal);
        Assert.Contains("Dana (user-late)</td><td>msteams</td><td>iphone</td>", page, StringComparison.Ordinal);
        Assert.Contains("Clear the Teams cache: still broken", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, page, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_Incident_OnePersonPerRowOldestFirstAndFormulaSafe()
    {
        var number = await OpenIncidentAsync();
        await ReportAsync("late", "=HYPERLINK(\"http://x\",\"a\")", "iphone");

        using var response = await (await AgentAsync()).GetAsync(new Uri($"/helpdesk/incidents/{number}/people.csv", UriKind.Relative));
        var rows = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("reported_at_utc,name,user_id,channel,device,steps_tried,case_id,linked", rows[0]);
        Assert.Equal(5, rows.Length);
        Assert.EndsWith(",user-one,msteams,win11-laptop,Clear the Teams cache: still broken,case-one,own_ticket_before", rows[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",user-late,msteams,iphone,", rows[4], StringComparison.Ordinal);
        Assert.EndsWith(",case-late,joined", rows[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incident_NumberOfAnOrdinaryTicket_IsNotFoundAndSaysWhat()
    {
        await AgentAsync();

        using var response = await (await AgentAsync()).GetAsync(new Uri("/helpdesk/incidents/CAA-424242", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("CAA-424242 is not an incident ticket", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LookUp_NumberTypedInLowerCase_GoesToThatIncident()
    {
        using var response = await (await AgentAsync()).GetAsync(new Uri("/helpdesk/incidents?number=%20caa-000007%20", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/helpdesk/incidents/CAA-000007", response.Headers.Location?.OriginalString);
    }

    private async Task<HttpClient> AgentAsync() => (await ConsoleBrowser.SignedInAsync(_host, "grace", Password)).Client;

    /// <summary>Three reports of one code (the threshold here) open an incident; returns its ticket number.</summary>
    private async Task<string> OpenIncidentAsync()
    {
        await ReportAsync("one", Hostile, "win11-laptop");
        await ReportAsync("two", "Bo", "win11-laptop");
        var opened = await ReportAsync("three", "Cy", "mac");
        return Assert.IsType<OpenIncident>(opened).Number;
    }

    private Task<OpenIncident?> ReportAsync(string who, string name, string device) =>
        _host.Services.GetRequiredService<IncidentService>().ReportAsync(
            new TicketRequest
            {
                RequestId = "case-" + who,
                Requester = new TicketRequester("msteams", "user-" + who, name),
                ErrorCode = "0xCAA20003",
                Device = device,
                Group = "identity",
                Priority = "normal",
                Steps = [new TicketStep("clear-cache", "Clear the Teams cache", TicketStepOutcome.StillBroken, DateTimeOffset.UtcNow)],
            },
            CancellationToken.None);
}
