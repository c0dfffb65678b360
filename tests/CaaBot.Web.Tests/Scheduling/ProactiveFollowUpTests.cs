using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Conversations.Scheduling;
using CaaBot.Conversations.Testing.Time;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Scheduling;

/// <summary>
/// The next-day check through the real host: a conversation fixed over <c>/api/messages</c>, the host's worker
/// waking when the clock reaches the next working day, and the question arriving through the Connector as a new
/// message in the same conversation.
/// </summary>
public sealed class ProactiveFollowUpTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FixedOnMonday_TheCheckArrivesThroughTheConnectorOnTuesdayAndItsAnswerIsHandled()
    {
        var clock = new ManualTimeProvider(Monday);
        await using var host = new CaaBotHost(overrides: services => services.AddSingleton<TimeProvider>(clock));
        using var client = host.CreateClient();
        const string conversation = "a:teams-personal-1";

        await SendAsync(client, conversation, Text("0xCAA20004"));
        var replies = await SendAsync(client, conversation, Text("Windows PC"));
        replies = await SendAsync(client, conversation, Click(replies, "That fixed it"));
        replies = await SendAsync(client, conversation, Click(replies, "Yes"));
        Assert.Contains(replies, reply => reply.Text?.Contains("glad you're back in", StringComparison.Ordinal) == true);
        var scheduler = host.Services.GetRequiredService<TurnScheduler>();
        await WaitUntilAsync(async () => (await scheduler.GetProgressAsync(FollowUpIdOf(host), CancellationToken.None)) is not null);
        Assert.DoesNotContain(host.Connector.Requests, request => request.Body?.Contains("still letting you in", StringComparison.Ordinal) == true);

        clock.SetUtcNow(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var check = await WaitForConnectorRequestAsync(host, "Is Teams still letting you in?");

        // A new message in the conversation (POST …/activities), not a reply to the synthetic scheduled activity.
        Assert.Equal(HttpMethod.Post, check.Method);
        Assert.Equal($"/amer/v3/conversations/{Uri.EscapeDataString(conversation)}/activities", check.Uri.AbsolutePath);
        var sent = JsonSerializer.Deserialize<Activity>(check.Body!, ProtocolJson.Options)!;
        Assert.Null(sent.ReplyToId);
        Assert.Equal("user-1", sent.Recipient!.Id);
        await WaitUntilAsync(async () => (await scheduler.GetProgressAsync(FollowUpIdOf(host), CancellationToken.None))!.State == ScheduledTurnState.Done);

        var answer = await SendAsync(client, conversation, Click([sent], "Yes, still working"));
        Assert.Contains(answer, reply => reply.Text?.Contains("glad it held", StringComparison.Ordinal) == true);
    }

    private static string FollowUpIdOf(CaaBotHost host)
    {
        var streams = host.Services.GetRequiredService<CaaBot.Storage.Abstractions.IStreamStore>();
        var entry = Assert.Single(streams.ReadAsync(TurnScheduler.Stream, 0, 10, CancellationToken.None).GetAwaiter().GetResult());
        return JsonSerializer.Deserialize<ScheduledTurn>(entry.Payload.Span, ProtocolJson.Options)!.Id;
    }

    private static Activity Text(string text) => Activities.Message("unused", Guid.NewGuid().ToString("N"), text);

    /// <summary>The card submit a click on <paramref name="title"/> produces, as Teams posts it (the card's data as the value).</summary>
    private static Activity Click(IReadOnlyList<Activity> replies, string title)
    {
        var (card, data) = Activities.CardAction(replies, title);
        return Activities.Message("unused", Guid.NewGuid().ToString("N"), text: string.Empty) with { Text = null, Value = data, ReplyToId = card.Id };
    }

    private static async Task<IReadOnlyList<Activity>> SendAsync(HttpClient client, string conversation, Activity activity)
    {
        var addressed = activity with { ChannelId = CaaBot.Protocol.Schema.Channels.MsTeams, Conversation = new ConversationAccount { Id = conversation, ConversationType = "personal" } };
        using var response = await Activities.PostAsync(client, addressed);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ExpectedReplies>(ProtocolJson.Options))!.Activities;
    }

    private static async Task<RecordedRequest> WaitForConnectorRequestAsync(CaaBotHost host, string containing)
    {
        RecordedRequest? found = null;
        await WaitUntilAsync(() =>
        {
            found = host.Connector.Requests.FirstOrDefault(request => request.Body?.Contains(containing, StringComparison.Ordinal) == true);
            return Task.FromResult(found is not null);
        });
        return found!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(20); waited += TimeSpan.FromMilliseconds(50))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The condition did not become true within 20 s.");
    }
}
