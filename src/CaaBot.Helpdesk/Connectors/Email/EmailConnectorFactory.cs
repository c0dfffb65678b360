using Microsoft.Extensions.Configuration;
using MimeKit;

namespace CaaBot.Helpdesk.Connectors.Email;

/// <summary>Makes <see cref="EmailConnector"/>s from <c>Type: Email</c> sections.</summary>
public sealed class EmailConnectorFactory : IHelpdeskConnectorFactory
{
    public string Type => "Email";

    public string DefaultName => "email";

    public IReadOnlyList<string> Validate(IConfigurationSection settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EmailSettings bound;
        try
        {
            bound = settings.Get<EmailSettings>() ?? new EmailSettings();
        }
        catch (InvalidOperationException exception)
        {
            return [$"cannot be read: {exception.Message}"];
        }

        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(bound.Host))
        {
            problems.Add("Host is missing (the SMTP server).");
        }

        if (bound.Port is < 1 or > 65535)
        {
            problems.Add("Port must be 1-65535.");
        }

        if (!MailboxAddress.TryParse(bound.From ?? string.Empty, out _))
        {
            problems.Add("From must be one email address, e.g. caabot@example.com.");
        }

        if (!InternetAddressList.TryParse(bound.To ?? string.Empty, out var to) || to.Mailboxes.Count() == 0)
        {
            problems.Add("To must be the helpdesk's email address (several separated by commas).");
        }

        if (!string.IsNullOrWhiteSpace(bound.Username) && string.IsNullOrEmpty(bound.Password))
        {
            problems.Add("Password is missing for Username (set it in the environment).");
        }

        return problems;
    }

    public IHelpdeskConnector Create(string name, IConfigurationSection settings, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new EmailConnector(name, settings.Get<EmailSettings>() ?? new EmailSettings());
    }
}
