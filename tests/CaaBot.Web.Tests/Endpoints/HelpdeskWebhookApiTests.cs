using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Tickets;
using CaaBot.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Web.Tests.Endpoints;

public sealed class HelpdeskWebhookApiTests
{
    private const string Secret = "web-inbound-secret-0123456789abcdef012345";

    [Fact]
    public async Task Status_SignedUpdateForAKnownTicket_IsPassedOnAnd202()
    {
        var updates = new RecordingTicketUpdates();
        using var host = Host(updates);
        var ticket = await SubmitAsync(host);

        using var response = await host.CreateClient().SendAsync(Signed(StatusBody(ticket.Number), Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var update = Assert.Single(updates.Published);
        Assert.Equal(ticket.Number, update.Ticket.Number);
        Assert.Equal(TicketUpdateKind.StatusChanged, update.Kind);
        Assert.Equal(new ExternalTicketStatus(TicketStatus.Resolved, "Solved", "Your clock was fixed remotely."), update.Status);
        Assert.Equal(new ExternalTicket("webhook", "8812", "HD-7", null), update.External);
        host.DeleteData();
    }

    [Fact]
    public async Task Status_WrongSecretOrReplay_Is401AndNothingIsPassedOn()
    {
        var updates = new RecordingTicketUpdates();
        using var host = Host(updates);
        var ticket = await SubmitAsync(host);
        var client = host.CreateClient();

        using var forged = await client.SendAsync(Signed(StatusBody(ticket.Number), "someone-else-0123456789abcdef0123456789ab"));
        using var unsigned = await client.PostAsync(new Uri("/api/helpdesk/status", UriKind.Relative), new StringContent(StatusBody(ticket.Number), Encoding.UTF8, "application/json"));
        var genuine = Signed(StatusBody(ticket.Number), Secret);
        var replay = Signed(StatusBody(ticket.Number), Secret, genuine.Headers.GetValues("X-CaaBot-Timestamp").Single());
        using var accepted = await client.SendAsync(genuine);
        using var replayed = await client.SendAsync(replay);

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Single(updates.Published);
        host.DeleteData();
    }

    [Fact]
    public async Task Status_UnknownTicket_Is404()
    {
        using var host = Host(new RecordingTicketUpdates());

        using var response = await host.CreateClient().SendAsync(Signed(StatusBody("CAA-999999"), Secret));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task Status_UpdateCannotBePassedOn_Is503AndTheIdenticalRetryIsNotAReplay()
    {
        using var host = new CaaBotHost(
            settings: new() { ["CaaBot:Helpdesk:InboundWebhook:Secrets:0"] = Secret },
            overrides: services => services.AddSingleton<ITicketUpdates>(new FailingTicketUpdates()));
        var ticket = await SubmitAsync(host);
        var first = Signed(StatusBody(ticket.Number), Secret);
        var retry = Signed(StatusBody(ticket.Number), Secret, first.Headers.GetValues("X-CaaBot-Timestamp").Single());

        using var failed = await host.CreateClient().SendAsync(first);
        using var again = await host.CreateClient().SendAsync(retry);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        host.DeleteData();
    }

    [Fact]
    public async Task Status_OnTheRealHost_IsAcceptedAndQueuedAsNewsForTheUser()
    {
        using var host = new CaaBotHost(settings: new() { ["CaaBot:Helpdesk:InboundWebhook:Secrets:0"] = Secret });
        var ticket = await SubmitAsync(host, new CaaBot.Protocol.Schema.ConversationReference
        {
            ChannelId = "msteams",
            ServiceUrl = Activities.ServiceUrl,
            Conversation = new CaaBot.Protocol.Schema.ConversationAccount { Id = "a:teams-personal-webhook" },
            User = new CaaBot.Protocol.Schema.ChannelAccount { Id = "29:ada" },
            Bot = new CaaBot.Protocol.Schema.ChannelAccount { Id = "28:caabot" },
        });

        using var response = await host.CreateClient().SendAsync(Signed(StatusBody(ticket.Number), Secret));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var streams = host.Services.GetRequiredService<CaaBot.Storage.Abstractions.IStreamStore>();
        var queued = await streams.ReadAsync(CaaBot.Conversations.Scheduling.TurnScheduler.Stream, 0, 10, CancellationToken.None);
        Assert.Contains(queued, entry => System.Text.Encoding.UTF8.GetString(entry.Payload.Span).Contains(ticket.Number, StringComparison.Ordinal));
        Assert.Equal(TicketStatus.Resolved, (await host.Services.GetRequiredService<ITicketQueue>().FindAsync(ticket.Number, CancellationToken.None))!.Status);
        host.DeleteData();
    }

    [Fact]
    public async Task Status_NoSecretConfigured_Is404()
    {
        using var host = new CaaBotHost();

        using var response = await host.CreateClient().SendAsync(Signed(StatusBody("CAA-000001"), Secret));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        host.DeleteData();
    }

    private static CaaBotHost Host(RecordingTicketUpdates updates) => new(
        settings: new() { ["CaaBot:Helpdesk:InboundWebhook:Secrets:0"] = Secret },
        overrides: services => services.AddSingleton<ITicketUpdates>(updates));

    private static Task<Ticket> SubmitAsync(CaaBotHost host, CaaBot.Protocol.Schema.ConversationReference? conversation = null) =>
        host.Services.GetRequiredService<ITicketQueue>().SubmitAsync(
            new TicketRequest
            {
                Conversation = conversation,
                RequestId = "case-webhook-" + Guid.NewGuid().ToString("N"),
                Requester = new TicketRequester("msteams", "29:ada", "Ada"),
                Device = "Windows PC",
                Group = "identity",
                Priority = "normal",
            },
            CancellationToken.None);

    private static string StatusBody(string number) =>
        $$"""{"type":"caabot.ticket.status","version":1,"ticketNumber":"{{number}}","externalId":"8812","externalNumber":"HD-7","status":"resolved","systemStatus":"Solved","publicReply":"Your clock was fixed remotely."}""";

    /// <summary>A push signed as the documentation says, computed here: HMAC-SHA256 over "{timestamp}." + body.</summary>
    private static HttpRequestMessage Signed(string body, string secret, string? timestamp = null)
    {
        timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + ".").Concat(bytes).ToArray());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/helpdesk/status") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add("X-CaaBot-Timestamp", timestamp);
        request.Headers.Add("X-CaaBot-Signature", "sha256=" + Convert.ToHexStringLower(mac));
        return request;
    }

    private sealed class RecordingTicketUpdates : ITicketUpdates
    {
        public ConcurrentQueue<TicketUpdate> Published { get; } = new();

        public Task PublishAsync(TicketUpdate update, CancellationToken cancellationToken)
        {
            Published.Enqueue(update);
            return Task.CompletedTask;
        }
    }

    private sealed class FailingTicketUpdates : ITicketUpdates
    {
        public Task PublishAsync(TicketUpdate update, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The store is unavailable.");
    }
}
