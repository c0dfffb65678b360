using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CaaBot.Helpdesk.Connectors;
using CaaBot.Helpdesk.Connectors.Webhook;
using CaaBot.Helpdesk.Tests.Connectors.LocalServers;
using CaaBot.Helpdesk.Tests.Support;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.Tests.Connectors.Webhook;

public sealed class HelpdeskWebhookVerifierTests
{
    private const string Secret = "inbound-secret-0123456789abcdef0123456789";
    private const string NextSecret = "rotated-secret-abcdef0123456789abcdef0123";

    private static readonly byte[] StatusBody = Encoding.UTF8.GetBytes("""
        {"type":"caabot.ticket.status","version":1,"ticketNumber":"CAA-000042","externalId":8812,"externalNumber":"SUP-7",
         "status":"inProgress","systemStatus":"Waiting for support","publicReply":"We are looking at it <b>now</b>.",
         "changedAt":"2026-03-02T08:40:00Z","somethingNew":{"ignored":true}}
        """);

    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 3, 2, 8, 45, 0, TimeSpan.Zero));
    private readonly RecordingLogger<HelpdeskWebhookVerifier> _logger = new();

    [Fact]
    public void Verify_SignedByAnIndependentImplementation_AcceptsAndParses()
    {
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);

        var result = Verifier().Verify(timestamp, signature, StatusBody);

        Assert.Equal(WebhookVerificationOutcome.Accepted, result.Outcome);
        Assert.True(result.IsAccepted);
        Assert.Equal(
            new InboundStatusUpdate("CAA-000042", "8812", "SUP-7", new ExternalTicketStatus(TicketStatus.InProgress, "Waiting for support", "We are looking at it <b>now</b>."), new DateTimeOffset(2026, 3, 2, 8, 40, 0, TimeSpan.Zero)),
            result.Update);
    }

    [Fact]
    public void Verify_BodyChangedAfterSigning_IsRefused()
    {
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(StatusBody).Replace("inProgress", "closed", StringComparison.Ordinal));

        var result = Verifier().Verify(timestamp, signature, tampered);

        Assert.Equal(WebhookVerificationOutcome.BadSignature, result.Outcome);
        Assert.Null(result.Update);
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_IsRefused()
    {
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);
        var later = (long.Parse(timestamp, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

        Assert.Equal(WebhookVerificationOutcome.BadSignature, Verifier().Verify(later, signature, StatusBody).Outcome);
    }

    [Fact]
    public void Verify_SignedWithAnotherSecret_IsRefused()
    {
        var (timestamp, signature) = Sign("somebody-else-0123456789abcdef0123456789", _clock.Now, StatusBody);

        Assert.Equal(WebhookVerificationOutcome.BadSignature, Verifier().Verify(timestamp, signature, StatusBody).Outcome);
    }

    [Fact]
    public void Verify_RotatedSecret_BothAreAccepted()
    {
        var verifier = Verifier(new HelpdeskWebhookVerifierOptions { Secrets = [Secret, NextSecret] });
        var (oldTimestamp, oldSignature) = Sign(Secret, _clock.Now, StatusBody);
        var (newTimestamp, newSignature) = Sign(NextSecret, _clock.Now.AddSeconds(1), StatusBody);

        Assert.True(verifier.Verify(oldTimestamp, oldSignature, StatusBody).IsAccepted);
        Assert.True(verifier.Verify(newTimestamp, newSignature, StatusBody).IsAccepted);
    }

    [Theory]
    [InlineData(-301, WebhookVerificationOutcome.StaleTimestamp)]
    [InlineData(-299, WebhookVerificationOutcome.Accepted)]
    [InlineData(299, WebhookVerificationOutcome.Accepted)]
    [InlineData(301, WebhookVerificationOutcome.StaleTimestamp)]
    public void Verify_TimestampAgainstTheFiveMinuteWindow_IsJudged(int offsetSeconds, WebhookVerificationOutcome expected)
    {
        var (timestamp, signature) = Sign(Secret, _clock.Now.AddSeconds(offsetSeconds), StatusBody);

        Assert.Equal(expected, Verifier().Verify(timestamp, signature, StatusBody).Outcome);
    }

    [Fact]
    public void Verify_SameSignedRequestTwice_RefusesTheReplay()
    {
        var verifier = Verifier();
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);

        var first = verifier.Verify(timestamp, signature, StatusBody);
        _clock.Now += TimeSpan.FromMinutes(2);
        var replay = verifier.Verify(timestamp, signature, StatusBody);

        Assert.True(first.IsAccepted);
        Assert.Equal(WebhookVerificationOutcome.Replayed, replay.Outcome);
        Assert.Contains(_logger.Entries, entry => entry.EventId == 5307 && entry.Message.Contains("accepted before", StringComparison.Ordinal));
    }

    [Fact]
    public void Forget_AfterFailedProcessing_AcceptsTheSendersIdenticalRetry()
    {
        var verifier = Verifier();
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);
        Assert.True(verifier.Verify(timestamp, signature, StatusBody).IsAccepted);

        verifier.Forget(signature);

        Assert.True(verifier.Verify(timestamp, signature, StatusBody).IsAccepted);
        Assert.Equal(WebhookVerificationOutcome.Replayed, verifier.Verify(timestamp, signature, StatusBody).Outcome);
    }

    [Fact]
    public void Verify_ReplayAfterTheWindow_IsStaleNotAccepted()
    {
        var verifier = Verifier();
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);
        Assert.True(verifier.Verify(timestamp, signature, StatusBody).IsAccepted);

        _clock.Now += TimeSpan.FromMinutes(11);

        Assert.Equal(WebhookVerificationOutcome.StaleTimestamp, verifier.Verify(timestamp, signature, StatusBody).Outcome);
    }

    [Theory]
    [InlineData(null, "sha256=00")]
    [InlineData("1772441100", null)]
    [InlineData("not-a-number", "sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("1772441100", "md5=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("1772441100", "sha256=zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("-5", "sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    public void Verify_MissingOrMalformedHeaders_AreRefused(string? timestamp, string? signature) =>
        Assert.Equal(WebhookVerificationOutcome.MissingSignature, Verifier().Verify(timestamp, signature, StatusBody).Outcome);

    [Theory]
    [InlineData("""{"type":"caabot.ticket.created","version":1,"ticketNumber":"CAA-1","status":"new"}""")]
    [InlineData("""{"type":"caabot.ticket.status","version":2,"ticketNumber":"CAA-1","status":"new"}""")]
    [InlineData("""{"type":"caabot.ticket.status","version":1,"status":"new"}""")]
    [InlineData("""{"type":"caabot.ticket.status","version":1,"ticketNumber":"CAA-1","status":"deleted"}""")]
    [InlineData("""[1,2,3]""")]
    [InlineData("""not json""")]
    public void Verify_SignedButNotAStatusPayload_IsInvalid(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var (timestamp, signature) = Sign(Secret, _clock.Now, bytes);

        Assert.Equal(WebhookVerificationOutcome.InvalidPayload, Verifier().Verify(timestamp, signature, bytes).Outcome);
    }

    [Fact]
    public void Verify_OnlyRequiredFields_DefaultsTheRest()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"caabot.ticket.status","version":1,"ticketNumber":"CAA-000007","status":"resolved"}""");
        var (timestamp, signature) = Sign(Secret, _clock.Now, bytes);

        var update = Verifier().Verify(timestamp, signature, bytes).Update;

        Assert.Equal(new InboundStatusUpdate("CAA-000007", null, null, new ExternalTicketStatus(TicketStatus.Resolved, "resolved", null), null), update);
    }

    [Fact]
    public void Verify_BodyOverTheLimit_IsRefusedBeforeAnyCheck()
    {
        var big = new byte[2048];
        var (timestamp, signature) = Sign(Secret, _clock.Now, big);

        Assert.Equal(WebhookVerificationOutcome.TooLarge, Verifier(new HelpdeskWebhookVerifierOptions { Secrets = [Secret], MaxBodyBytes = 1024 }).Verify(timestamp, signature, big).Outcome);
    }

    [Fact]
    public void Constructor_NoUsableSecret_SaysWhat()
    {
        var error = Assert.Throws<ArgumentException>(() => Verifier(new HelpdeskWebhookVerifierOptions { Secrets = ["short"], Tolerance = TimeSpan.Zero }));

        Assert.Contains("Secrets needs at least one secret, each at least 32 characters", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tolerance must be more than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ToString_HidesTheSecrets() =>
        Assert.DoesNotContain(Secret, new HelpdeskWebhookVerifierOptions { Secrets = [Secret] }.ToString(), StringComparison.Ordinal);

    [Fact]
    public void Sign_MatchesTheIndependentImplementation()
    {
        var (timestamp, signature) = Sign(Secret, _clock.Now, StatusBody);

        Assert.Equal(signature, WebhookSignature.Sign(Secret, long.Parse(timestamp, CultureInfo.InvariantCulture), StatusBody));
    }

    /// <summary>The sender's side, written here from the documented scheme without CaaBot's code.</summary>
    private static (string Timestamp, string Signature) Sign(string secret, DateTimeOffset at, byte[] body)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var hash = hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray());
        return (timestamp, "sha256=" + string.Concat(hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture))));
    }

    private HelpdeskWebhookVerifier Verifier(HelpdeskWebhookVerifierOptions? options = null) =>
        new(options ?? new HelpdeskWebhookVerifierOptions { Secrets = [Secret] }, _clock, _logger);
}
