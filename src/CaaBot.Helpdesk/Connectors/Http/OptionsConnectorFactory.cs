using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>
/// Makes connectors whose settings are one options record with its own <c>Validate()</c> (webhook, ServiceNow,
/// Jira Service Management, Zendesk) from their <c>CaaBot:Helpdesk:Connectors</c> element: bind, validate, create
/// with a named <see cref="HttpClient"/>, the host's clock and a logger.
/// </summary>
public sealed class OptionsConnectorFactory<TOptions, TConnector>(
    string type,
    string defaultName,
    Func<TOptions, IReadOnlyList<string>> validate,
    Func<TOptions, string, TOptions> withName,
    Func<HttpClient, TOptions, TimeProvider, ILogger<TConnector>, TConnector> create) : IHelpdeskConnectorFactory
    where TOptions : class, new()
    where TConnector : IHelpdeskConnector
{
    public string Type => type;

    public string DefaultName => defaultName;

    public IReadOnlyList<string> Validate(IConfigurationSection settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return validate(Bind(settings, defaultName));
        }
        catch (InvalidOperationException exception)
        {
            // A value of the wrong shape ("Timeout: soon"); the binder's message names the key, not a secret's value.
            return [$"cannot be read: {exception.Message}"];
        }
    }

    public IHelpdeskConnector Create(string name, IConfigurationSection settings, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("caabot-helpdesk-" + name);
        return create(
            http,
            Bind(settings, name),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILogger<TConnector>>() ?? NullLogger<TConnector>.Instance);
    }

    private TOptions Bind(IConfigurationSection settings, string name) => withName(settings.Get<TOptions>() ?? new TOptions(), name);
}
