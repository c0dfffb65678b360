using System.Diagnostics;
using System.Text.RegularExpressions;
using CaaBot.Bot;
using CaaBot.Bot.Dialogs;
using CaaBot.Conversations.Turns;
using CaaBot.Web.Commands;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Commands;

public sealed partial class ChatCommandTests : IDisposable
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "caabot-chat", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Chat_Triage_PrintsBannerThenTheConversationInOrder()
    {
        var (exitCode, lines) = await ChatAsync(["chat", "--memory", "--user", "ada"], "hello", "2", "teams keeps asking for my password", "/quit");

        Assert.Equal(0, exitCode);
        Assert.Equal("CaaBot chat: in memory, forgotten on exit. Type /help for commands, /quit to leave.", lines[0]);
        Assert.Matches(ConversationLine(), lines[1]);
        Assert.Equal(
            [
                $"bot: {SupportBot.Welcome}",
                .. GreetingChoices,
                $"bot: {TriageDialog.GreetingPrompt}",
                .. GreetingChoices,
                $"bot: {TriageDialog.AskSymptomPrompt}",
                $"bot: {TriageDialog.AskPlatformPrompt}",
                "  1. Windows PC",
                "  2. Mac",
                "  3. Web browser",
                "  4. iPhone or iPad",
                "  5. Android phone",
                "Bye.",
            ],
            lines[2..]);
    }

    [Fact]
    public async Task Chat_KnownCode_ShowsTheStepCardAsNumberedText()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], "0xCAA20004 on windows", "2", "/quit");

        var stepTwo = Array.IndexOf(lines, "  Step 2 of 6 ⏱ About 5 min");
        Assert.True(stepTwo > 0, string.Join(Environment.NewLine, lines));
        Assert.Equal("  Sync your work account in Windows", lines[stepTwo + 1]);
        Assert.Equal("  1. Open Settings > Accounts > Access work or school.", lines[stepTwo + 2]);
        Assert.Contains("  4. Back", lines[stepTwo..]);
        Assert.DoesNotContain(lines, line => line.Contains('\\', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_Restart_StartsANewConversationFromTheBeginning()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], "hello", "I have an error code", "/restart", "hello");

        var conversations = lines.Where(line => line.StartsWith("Conversation: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, conversations.Count);
        Assert.NotEqual(conversations[0], conversations[1]);
        Assert.Equal(2, lines.Count(line => line == $"bot: {SupportBot.Welcome}"));
        Assert.Equal(2, lines.Count(line => line == $"bot: {TriageDialog.GreetingPrompt}")); // the new conversation greets again instead of asking for the code
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    [InlineData(null)] // end of input: Ctrl+D, or the end of a piped file
    public async Task Chat_QuitOrEndOfInput_ExitsZero(string? last)
    {
        var (exitCode, lines) = await ChatAsync(["chat", "--memory"], last is null ? ["hello"] : ["hello", last, "never read"]);

        Assert.Equal(ChatCommandLine.Success, exitCode);
        Assert.Equal("Bye.", lines[^1]);
        Assert.DoesNotContain(lines, line => line.Contains("never read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_ResumeWithConversation_ContinuesTheStoredConversation()
    {
        var store = $"--CaaBot:DataDirectory={_dataFolder}";
        var (_, first) = await ChatAsync(["chat", store, "--user", "ada"], "hello", "I don't have a code", "/quit");
        var conversationId = ConversationLine().Match(first[1]).Groups["id"].Value;
        Assert.Equal($"Bye. To continue this conversation: chat --conversation {conversationId}", first[^1]);

        var (exitCode, second) = await ChatAsync(["chat", store, "--user", "ada", "--conversation", conversationId], "teams keeps asking for my password");

        Assert.Equal(0, exitCode);
        Assert.StartsWith($"CaaBot chat: SQLite in {_dataFolder}", second[0], StringComparison.Ordinal);
        Assert.Equal($"Conversation: {conversationId} (user: ada)", second[1]);
        Assert.Equal($"bot: {TriageDialog.AskPlatformPrompt}", second[2]);
        Assert.NotEmpty(Directory.EnumerateFiles(_dataFolder)); // the conversation lives in the configured SQLite folder
    }

    [Fact]
    public async Task Chat_AdaptiveCard_IsRenderedAsTextAndANumberSubmitsItsDataWithTheInputs()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], useCardBot: true, "card", "2", "on my phone");

        Assert.Equal(
            [
                "bot: Quick check:",
                "  Is this the PC that shows the error?",
                "  Error: 0xCAA20003",
                "  [Anything else?]",
                "  1. Yes, this PC",
                "  2. No, another one",
                "  Anything else?: on my phone",
                "bot: Submitted (text: none): answer=no, note=on my phone",
                "Bye.",
            ],
            lines[2..]);
    }

    [Fact]
    public async Task Chat_CardWithChoiceSetAndToggle_PromptsForEachInputAndRepromptsOnANonOption()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], useCardBot: true, "survey", "send", "9", "2", "y");

        Assert.Equal(
            [
                "bot:",
                "  [Platform]",
                "  [Restarted Teams?]",
                "  Read more: https://learn.microsoft.com/microsoftteams/troubleshoot",
                "  1. Send",
                "    1) Windows",
                "    2) Mac",
                "  Platform (number): 9",
                "  That isn't one of the options; try again, or press Enter to skip.",
                "  Platform (number): 2",
                "  Restarted Teams? (yes/no): y",
                "bot: Submitted (text: none): form=survey, platform=mac, restarted=true",
                "Bye.",
            ],
            lines[2..]);
    }

    [Fact]
    public async Task Chat_CardInputsLeftEmpty_SubmitOnlyTheDataAndTheToggleOffValue()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], useCardBot: true, "survey", "1", "", "", "/quit");

        Assert.Equal("bot: Submitted (text: none): form=survey, restarted=false", lines[^2]);
    }

    [Fact]
    public async Task Chat_SuggestedActions_AreNumberedAndAnsweredByNumberOrText()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], useCardBot: true, "options", "2", "options", "windows");

        Assert.Equal(
            [
                "bot: Which platform?",
                "  1. Windows",
                "  2. Mac",
                "bot: You said: Mac",
                "bot: Which platform?",
                "  1. Windows",
                "  2. Mac",
                "bot: You said: Windows",
                "Bye.",
            ],
            lines[2..]);
    }

    [Fact]
    public async Task Chat_NumberWithoutOptions_IsSentAsText()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], useCardBot: true, "7");

        Assert.Equal("bot: You said: 7", lines[2]);
    }

    [Fact]
    public async Task Chat_EmptyLineOrUnknownCommand_GetsAHelpfulLine()
    {
        var (exitCode, lines) = await ChatAsync(["chat", "--memory"], useCardBot: true, "", "   ", "/frobnicate now", "/help");

        Assert.Equal(0, exitCode);
        Assert.Equal("(Type a message, the number of an option, or /help.)", lines[2]);
        Assert.Equal("(Type a message, the number of an option, or /help.)", lines[3]);
        Assert.Equal("Unknown command /frobnicate. Type /help for the commands.", lines[4]);
        Assert.Contains(lines, line => line.StartsWith("/restart", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("bot:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chat_Output_HasNoEscapeSequences()
    {
        var (_, lines) = await ChatAsync(["chat", "--memory"], "hello", "/help");

        Assert.DoesNotContain(lines, line => line.Contains('\u001b', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("chat", "--frobnicate")]
    [InlineData("chat", "--conversation")]
    [InlineData("chat", "extra")]
    public async Task Chat_BadArguments_PrintsUsageAndExitsTwo(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await ChatCommandLine.TryRunAsync(args, new StringReader(string.Empty), output, error, interactive: false, null, CancellationToken.None);

        Assert.Equal(ChatCommandLine.UsageError, exitCode);
        Assert.Empty(output.ToString());
        Assert.Contains("Usage: CaaBot.Web chat", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryRunAsync_NotAChatCommand_ReturnsNull()
    {
        var exitCode = await ChatCommandLine.TryRunAsync(["kb", "lint"], new StringReader(string.Empty), TextWriter.Null, TextWriter.Null, interactive: false, null, CancellationToken.None);

        Assert.Null(exitCode);
    }

    [Fact]
    public async Task BuiltDll_ChatMemory_AnswersLinesFromStdinWithoutStartingTheHost()
    {
        Directory.CreateDirectory(_dataFolder);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataFolder,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "CaaBot.Web.dll"), "chat", "--memory", "--user", "ada" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.StandardInput.WriteLineAsync("hello".AsMemory(), timeout.Token);
        await process.StandardInput.WriteLineAsync("no code".AsMemory(), timeout.Token);
        process.StandardInput.Close(); // EOF ends the chat
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; stderr: {await errors}");
        var lines = Lines(output);
        Assert.StartsWith("CaaBot chat: in memory", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            [$"bot: {SupportBot.Welcome}", .. GreetingChoices, $"bot: {TriageDialog.GreetingPrompt}", .. GreetingChoices, $"bot: {TriageDialog.AskSymptomPrompt}", "Bye."],
            lines[2..]);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_dataFolder, "data")), "--memory must not create the SQLite store");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private static readonly string[] GreetingChoices = ["  1. I have an error code", "  2. I don't have a code", "  3. Talk to a person"];

    [GeneratedRegex(@"^Conversation: (?<id>terminal-[0-9a-f]{8}) \(user: \w+\)$")]
    private static partial Regex ConversationLine();

    private static Task<(int? ExitCode, string[] Lines)> ChatAsync(string[] args, params string[] input) => ChatAsync(args, useCardBot: false, input);

    private static async Task<(int? ExitCode, string[] Lines)> ChatAsync(string[] args, bool useCardBot, params string[] input)
    {
        using var reader = new StringReader(string.Join('\n', input));
        using var output = new StringWriter();
        var exitCode = await ChatCommandLine.TryRunAsync(
            args,
            reader,
            output,
            TextWriter.Null,
            interactive: false,
            services =>
            {
                if (useCardBot)
                {
                    services.AddSingleton<IBot, ChatCardBot>();
                }
            },
            CancellationToken.None);
        return (exitCode, Lines(output.ToString()));
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
}
