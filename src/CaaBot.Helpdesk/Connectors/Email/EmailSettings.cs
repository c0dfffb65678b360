using MailKit.Security;

namespace CaaBot.Helpdesk.Connectors.Email;

/// <summary>Settings of an <c>Email</c> connector: one message per ticket to the helpdesk's address over SMTP.</summary>
public sealed class EmailSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>Auto</c>, <c>SslOnConnect</c>, <c>StartTls</c> or <c>StartTlsWhenAvailable</c> (MailKit's names).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTlsWhenAvailable;

    /// <summary>SMTP user name, when the server wants one (then <see cref="Password"/> from the environment).</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>CaaBot &lt;caabot@example.com&gt;</c>; its domain also names the Message-Id.</summary>
    public string? From { get; set; }

    /// <summary>The helpdesk's address (several separated by commas).</summary>
    public string? To { get; set; }
}
