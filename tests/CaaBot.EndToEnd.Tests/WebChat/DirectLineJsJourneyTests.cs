using System.Diagnostics;
using System.Text.Json;
using CaaBot.EndToEnd.Tests.Infrastructure;

namespace CaaBot.EndToEnd.Tests.WebChat;

/// <summary>
/// The official DirectLineJS client (botframework-directlinejs 0.15.8) under node against the real host process, over
/// the WebSocket and by polling: token → conversation → journey → dropped connection → reconnect with the watermark.
/// </summary>
public sealed class DirectLineJsJourneyTests(WebChatHostFixture host) : IClassFixture<WebChatHostFixture>
{
    [Theory]
    [InlineData("websocket")]
    [InlineData("polling")]
    public async Task Journey_DropAndReconnectWithWatermark_NothingLostOrDuplicated(string mode)
    {
        var result = await RunJourneyAsync(mode);
        var userId = result.GetProperty("userId").GetString();
        var conversationId = result.GetProperty("conversationId").GetString();
        var first = Activities(result, "received1");
        var second = Activities(result, "received2");
        var history = Activities(result, "history");

        Assert.StartsWith("dl_", userId, StringComparison.Ordinal);
        Assert.Contains(first, a => a.Role == "bot");
        foreach (var activity in first.Concat(second).Concat(history))
        {
            Assert.False(string.IsNullOrEmpty(activity.Id));
            Assert.EndsWith("Z", activity.Timestamp, StringComparison.Ordinal);
            Assert.Contains(activity.Role, new[] { "bot", "user" });
            Assert.Equal("directline", activity.ChannelId);
            Assert.Equal(conversationId, activity.ConversationId);
        }

        // The echo keeps the client's clientActivityID, and the sender is the token's user whatever the body claimed.
        var hiEcho = Assert.Single(first, a => a.Id == result.GetProperty("hiId").GetString());
        Assert.Equal("client-hi-1", hiEcho.ClientActivityId);
        Assert.Equal(userId, hiEcho.FromId);
        Assert.All(history.Where(a => a.Role == "user"), a => Assert.Equal(userId, a.FromId));

        // After the reconnect nothing seen before comes again, and nothing the server holds is missing.
        var firstIds = first.Where(a => a.Type != "typing").Select(a => a.Id).ToList();
        var secondIds = second.Where(a => a.Type != "typing").Select(a => a.Id).ToList();
        Assert.Empty(firstIds.Intersect(secondIds));
        Assert.Equal(firstIds.Count, firstIds.Distinct().Count());
        Assert.Equal(secondIds.Count, secondIds.Distinct().Count());
        Assert.Equal(history.Select(a => a.Id), firstIds.Concat(secondIds));
        Assert.Contains(second, a => a.Id == result.GetProperty("offlineId").GetString());
        Assert.Contains(second, a => a.Role == "bot" && a.ReplyToId == result.GetProperty("graceId").GetString());
    }

    private async Task<JsonElement> RunJourneyAsync(string mode)
    {
        var script = Path.Combine(TestPaths.E2eClientsDirectory, "directline-journey.js");
        if (!File.Exists(Path.Combine(TestPaths.E2eClientsDirectory, "node_modules", "botframework-directlinejs", "package.json")))
        {
            throw new InvalidOperationException($"DirectLineJS is not installed. Run `{TestPaths.SetupCommand}` from the repository root.");
        }

        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = TestPaths.E2eClientsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(host.Address.ToString().TrimEnd('/'));
        startInfo.ArgumentList.Add(mode);
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"directline-journey.js ({mode}) did not finish.{Environment.NewLine}{host.DescribeHost()}");
        }

        var output = await stdout;
        Assert.True(process.ExitCode == 0, $"directline-journey.js ({mode}) failed: {await stderr}{Environment.NewLine}{host.DescribeHost()}");
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static List<Seen> Activities(JsonElement result, string name) =>
        [.. result.GetProperty(name).EnumerateArray().Select(a => new Seen(
            Text(a, "id"), Text(a, "type"), Text(a, "role"), Text(a, "fromId"), Text(a, "channelId"), Text(a, "conversationId"),
            Text(a, "timestamp"), Text(a, "replyToId"), Text(a, "clientActivityID")))];

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private sealed record Seen(string? Id, string? Type, string? Role, string? FromId, string? ChannelId, string? ConversationId, string? Timestamp, string? ReplyToId, string? ClientActivityId);
}
