using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Connectors;

public sealed class TicketSummaryTests
{
    [Fact]
    public void Body_CompleteTicket_HoldsEverythingAnAgentNeeds()
    {
        var ticket = new Ticket("CAA-000042", new DateTimeOffset(2026, 3, 2, 8, 40, 0, TimeSpan.Zero), TicketStatus.New, Requests.Complete("summary"));

        var body = TicketSummary.Body(ticket, new TicketTranscript("2026-03-02 08:30:00Z User (Ada): hi\n", "[]"u8.ToArray()));

        Assert.Equal(
            """
            CaaBot ticket CAA-000042, filed 2026-03-02 08:40:00Z

            Error code: 0xCAA20003
            Device: Windows PC
            Guide: Teams can't sign in: device clock or token (caa20003)
            Category: identity
            Priority: high
            Requester: Ada Lovelace (msteams user 29:ada)
            Contact email: ada@example.com
            Contact phone: +44 20 7946 0000
            Correlation id: corr-7f3a

            In the user's words:
              Teams says 0xCAA20003 when I sign in.

            Steps tried:
              1. 2026-03-02 08:31:00Z  Check the PC's clock: still broken
              2. 2026-03-02 08:33:00Z  Clear the Teams cache: skipped

            Findings:
              - Clock differs from the server by 7 minutes

            Files the user shared:
              - error.png (image/png, 2026-03-02 08:32:00Z): https://files.example/error.png

            Conversation:
            2026-03-02 08:30:00Z User (Ada): hi

            """.ReplaceLineEndings("\n"),
            body);
    }

    [Fact]
    public void Subject_NewlinesAndLength_OneLineOfAtMost200StartingWithTheTag()
    {
        var request = Requests.Minimal("subject") with { PlaybookTitle = "line one\nline two " + new string('x', 400), ErrorCode = null };

        var subject = TicketSummary.Subject(new Ticket("CAA-000007", DateTimeOffset.UnixEpoch, TicketStatus.New, request));

        Assert.StartsWith("[CAA-000007] line one line two x", subject, StringComparison.Ordinal);
        Assert.Equal(200, subject.Length);
        Assert.DoesNotContain('\n', subject);
    }
}
