using System.Net.Sockets;
using CaaBot.Helpdesk.Tickets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CaaBot.Helpdesk.Connectors.Email;

/// <summary>
/// Sends each ticket as one email to the helpdesk's address: the readable summary and the conversation as a
/// plain-text body, the <c>.transcript</c> file attached, Reply-To the user's contact email when they gave one.
/// The Message-Id is derived from the ticket number (<c>CAA-000042.email@example.com</c>), so a repeated delivery
/// (after a timeout nobody can see past) is recognisable as the same message. Email has no status to read.
/// </summary>
public sealed class EmailConnector : IHelpdeskConnector
{
    private readonly EmailSettings _settings;
    private readonly MailboxAddress _from;
    private readonly InternetAddressList _to;

    public EmailConnector(string name, EmailSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Name = name;
        _from = MailboxAddress.Parse(settings.From ?? throw new ArgumentException("From is required.", nameof(settings)));
        _to = InternetAddressList.Parse(settings.To ?? throw new ArgumentException("To is required.", nameof(settings)));
    }

    public string Name { get; }

    /// <summary>Email cannot be searched: a repeated delivery sends a message with the same Message-Id again.</summary>
    public Task<ExternalTicket?> FindAsync(Ticket ticket, CancellationToken cancellationToken) => Task.FromResult<ExternalTicket?>(null);

    public async Task<ExternalTicket> CreateAsync(Ticket ticket, TicketTranscript transcript, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(transcript);
        var messageId = MessageId(ticket);
        using var message = Message(ticket, transcript, messageId);
        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(_settings.Host ?? "localhost", _settings.Port, _settings.Security, cancellationToken);
            if (!string.IsNullOrWhiteSpace(_settings.Username))
            {
                await client.AuthenticateAsync(_settings.Username, _settings.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            // 5xx: the server refuses this message or recipient for good; 4xx: try later.
            throw new HelpdeskDeliveryException($"The SMTP server refused {ticket.Number}: {(int)exception.StatusCode} {exception.Message}", isPermanent: (int)exception.StatusCode >= 500, exception);
        }
        catch (AuthenticationException exception)
        {
            throw new HelpdeskDeliveryException($"The SMTP server refused the configured credentials for {ticket.Number}.", isPermanent: true, exception);
        }
        catch (Exception exception) when (exception is SocketException or IOException or SmtpProtocolException or SslHandshakeException or ServiceNotConnectedException)
        {
            throw new HelpdeskDeliveryException($"The SMTP server {_settings.Host}:{_settings.Port} could not take {ticket.Number}: {exception.Message}", isPermanent: false, exception);
        }

        return new ExternalTicket(Name, messageId, ticket.Number, Url: null);
    }

    public Task<ExternalTicketStatus?> GetStatusAsync(ExternalTicket external, CancellationToken cancellationToken) => Task.FromResult<ExternalTicketStatus?>(null);

    /// <summary><c>{number}.{connector}@{sender's domain}</c>: the same for every delivery of one ticket.</summary>
    public string MessageId(Ticket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var at = _from.Address.LastIndexOf('@');
        var domain = at >= 0 ? _from.Address[(at + 1)..] : "caabot.invalid";
        return $"{ticket.Number}.{Name}@{domain}";
    }

    private MimeMessage Message(Ticket ticket, TicketTranscript transcript, string messageId)
    {
        var message = new MimeMessage
        {
            Subject = TicketSummary.Subject(ticket),
            MessageId = messageId,
            Date = ticket.CreatedAt,
        };
        message.From.Add(_from);
        message.To.AddRange(_to);
        if (ticket.Request.Requester.ContactEmail is { } email && MailboxAddress.TryParse(email, out var replyTo))
        {
            message.ReplyTo.Add(replyTo);
        }

        message.Headers.Add("X-CaaBot-Ticket", ticket.Number);
        var builder = new BodyBuilder { TextBody = TicketSummary.Body(ticket, transcript) };
        builder.Attachments.Add(TicketTranscript.FileName, transcript.TranscriptJson.ToArray(), new ContentType("application", "json"));
        message.Body = builder.ToMessageBody();
        return message;
    }
}
