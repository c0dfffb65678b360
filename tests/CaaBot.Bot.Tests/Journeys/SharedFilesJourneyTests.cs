using System.Text.Json;
using CaaBot.Bot.Dialogs;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using static CaaBot.Bot.Tests.Journeys.JourneyCards;

namespace CaaBot.Bot.Tests.Journeys;

/// <summary>
/// A screenshot of the error, sent at any point (the web chat's upload, an image pasted in Teams), is kept with the
/// case, shown on the escalation summary and carried into the ticket; it never derails the step on screen.
/// </summary>
public sealed class SharedFilesJourneyTests
{
    private const string ScreenshotUrl = "https://caabot.example/v3/directline/conversations/c1/attachments/0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Troubleshoot_ScreenshotMidStep_IsAcknowledgedKeptAndFiledWithTheTicket()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var steps = bot.Playbook("caa20004").UserStepsFor(PlaybookPlatform.Windows);
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard(Step(1, steps.Count, steps[0].Title))
            .Send(FileMessage(text: null, File("error [1].png", "image/png", ScreenshotUrl)))
            .AssertReply(reply => Assert.Equal("Thanks, I've kept error \\[1\\]\\.png with your case. If we need the helpdesk, they'll get it with everything else.", reply.Text))
            .AssertCard(Step(1, steps.Count, steps[0].Title)) // the step on screen is asked again, nothing answered
            .Send(FileMessage("here is the log too", File("teams.log", "text/plain", "https://caabot.example/files/teams.log")))
            .AssertReplyContains("fixed it") // words with a file go to the step as usual (not understood → re-asked)
            .Send("agent")
            .AssertReplyContains("let's get you to a person")
            .AssertCard(Containing("error [1].png, teams.log"))
            .SubmitLatestCard(new { consent = "true" }, "Send to helpdesk")
            .AssertReply(UpdateContaining("CAA-"))
            .AssertReplyContains("Your ticket number is")
            .StartTestAsync();

        var request = Assert.Single(await bot.Tickets.ListRecentAsync(10, CancellationToken.None)).Request;
        Assert.Equal(["error [1].png", "teams.log"], request.Attachments.Select(file => file.Name));
        Assert.Equal([ScreenshotUrl, "https://caabot.example/files/teams.log"], request.Attachments.Select(file => file.ContentUrl));
        Assert.Equal("image/png", request.Attachments[0].ContentType);
        Assert.Equal(SupportBotHarness.Start, request.Attachments[0].SharedAt);
        // The files answered nothing: the only record of step 1 is "agent", typed while it was on screen.
        Assert.Equal([(steps[0].Id, TicketStepOutcome.AskedForPerson)], request.Steps.Select(step => (step.StepId, step.Outcome)));
    }

    [Fact]
    public async Task Troubleshoot_ScreenshotAsTheFirstMessage_IsKeptWithTheCaseTheTriageStarts()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        await bot.Flow()
            .Send(FileMessage(text: null, File("screen.png", "image/png", ScreenshotUrl)))
            .AssertReplyContains("I've kept screen\\.png")
            .AssertReply(TriageDialog.GreetingPrompt)
            .StartTestAsync();

        var stored = await bot.StoredCaseAsync();
        Assert.Equal(ScreenshotUrl, Assert.Single(stored!.Attachments).ContentUrl);
    }

    [Fact]
    public async Task Troubleshoot_LinksThatAreNotWebAddressesOrCards_AreNotKeptAsFiles()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var card = new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = JsonSerializer.SerializeToElement(new { type = "AdaptiveCard" }) };
        await bot.Flow()
            .Send("0xCAA20004 on windows")
            .AssertReplyContains("sign-in waiting for approval")
            .AssertCard()
            .Send(FileMessage(
                "look",
                File("x.png", "image/png", "javascript:alert(1)"),
                File("y.png", "image/png", "file:///etc/passwd"),
                File("copy.html", "text/html", "https://caabot.example/copy.html"),
                card))
            .AssertReplyContains("fixed it")
            .StartTestAsync();

        Assert.Empty((await bot.StoredCaseAsync())!.Attachments);
    }

    [Fact]
    public async Task Troubleshoot_TeamsFileShare_KeepsTheDownloadLink()
    {
        await using var bot = await SupportBotHarness.CreateAsync();
        var teamsFile = new Attachment
        {
            ContentType = "application/vnd.microsoft.teams.file.download.info",
            Name = "report.pdf",
            ContentUrl = "https://contoso.sharepoint.com/personal/ada/Documents/report.pdf",
            Content = JsonSerializer.SerializeToElement(new { downloadUrl = "https://download.contoso.example/report.pdf?token=t", fileType = "pdf" }),
        };
        await bot.Flow()
            .Send(FileMessage(text: null, teamsFile))
            .AssertReplyContains("report\\.pdf")
            .AssertReply(TriageDialog.GreetingPrompt)
            .StartTestAsync();

        Assert.Equal("https://download.contoso.example/report.pdf?token=t", Assert.Single((await bot.StoredCaseAsync())!.Attachments).ContentUrl);
    }

    private static Attachment File(string name, string contentType, string url) => new() { Name = name, ContentType = contentType, ContentUrl = url };

    private static Activity FileMessage(string? text, params Attachment[] attachments) =>
        new() { Type = ActivityTypes.Message, Text = text, Attachments = attachments };
}
