using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaaBot.Helpdesk.Connectors.RequestTracker;

/// <summary>Makes <see cref="RequestTrackerConnector"/>s from <c>Type: RequestTracker</c> sections.</summary>
public sealed class RequestTrackerConnectorFactory : IHelpdeskConnectorFactory
{
    public string Type => "RequestTracker";

    public string DefaultName => "rt";

    public IReadOnlyList<string> Validate(IConfigurationSection settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        RequestTrackerSettings bound;
        try
        {
            bound = settings.Get<RequestTrackerSettings>() ?? new RequestTrackerSettings();
        }
        catch (InvalidOperationException exception)
        {
            return [$"cannot be read: {exception.Message}"];
        }

        if (bound.BaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add("BaseUrl must be RT's absolute http(s) address, e.g. https://rt.example.com/.");
        }

        if (string.IsNullOrWhiteSpace(bound.Queue) || bound.Queue.Contains('\'', StringComparison.Ordinal))
        {
            problems.Add("Queue must name an RT queue (default General).");
        }

        var hasToken = !string.IsNullOrWhiteSpace(bound.Token);
        var hasUser = !string.IsNullOrWhiteSpace(bound.Username);
        var hasPassword = !string.IsNullOrEmpty(bound.Password);
        if (!hasToken && !(hasUser && hasPassword))
        {
            problems.Add(hasUser
                ? "Password is missing for Username (set it in the environment), or set Token instead."
                : "set Token (an RT auth token), or Username and Password.");
        }

        return problems;
    }

    public IHelpdeskConnector Create(string name, IConfigurationSection settings, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(services);
        var bound = settings.Get<RequestTrackerSettings>() ?? new RequestTrackerSettings();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient("caabot-helpdesk-" + name);
        return new RequestTrackerConnector(name, bound, http);
    }
}
