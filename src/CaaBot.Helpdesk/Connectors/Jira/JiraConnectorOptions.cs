using CaaBot.Helpdesk.Connectors.Http;

namespace CaaBot.Helpdesk.Connectors.Jira;

/// <summary>
/// Settings of the Jira Service Management connector (customer requests through <c>/rest/servicedeskapi</c>).
/// Authenticates with an Atlassian account's <see cref="Email"/> and <see cref="ApiToken"/> (basic auth); the account
/// must be an agent of the service desk. The token comes from configuration only, is never logged and is left out
/// of <see cref="ToString"/>.
/// </summary>
public sealed record JiraConnectorOptions
{
    public string Name { get; init; } = "jira";

    /// <summary>The site, e.g. <c>https://example.atlassian.net</c>.</summary>
    public Uri? SiteUrl { get; init; }

    public string? Email { get; init; }

    public string? ApiToken { get; init; }

    /// <summary>The service desk's id (a number, from <c>GET /rest/servicedeskapi/servicedesk</c>).</summary>
    public string? ServiceDeskId { get; init; }

    /// <summary>The request type's id (from <c>GET /rest/servicedeskapi/servicedesk/{id}/requesttype</c>); it must have the summary and description fields.</summary>
    public string? RequestTypeId { get; init; }

    /// <summary>The service desk's project key (<c>SUP</c>), to scope the look-up search.</summary>
    public string? ProjectKey { get; init; }

    /// <summary>Raise the request on behalf of the requester's contact e-mail, when given (the customer must exist or the portal must allow anyone).</summary>
    public bool RaiseOnBehalfOfRequester { get; init; }

    /// <summary>Longest description sent (Jira holds 32,767 characters); the full conversation is attached anyway.</summary>
    public int MaxDescriptionLength { get; init; } = 30_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        OptionsCheck.Name(Name, problems);
        OptionsCheck.BaseUrl(nameof(SiteUrl), SiteUrl, "https://example.atlassian.net", problems);
        OptionsCheck.Required(nameof(Email), Email, "the agent account's e-mail address", problems);
        OptionsCheck.Required(nameof(ApiToken), ApiToken, "an API token of that account, from the environment or a secret store", problems);
        Number(nameof(ServiceDeskId), ServiceDeskId, problems);
        Number(nameof(RequestTypeId), RequestTypeId, problems);
        if (string.IsNullOrWhiteSpace(ProjectKey) || !ProjectKey.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            problems.Add("ProjectKey is required: the service desk's project key in capitals (e.g. SUP).");
        }

        if (MaxDescriptionLength is < 1000 or > 32_767)
        {
            problems.Add($"MaxDescriptionLength must be between 1000 and 32767 (got {MaxDescriptionLength}).");
        }

        OptionsCheck.Timeout(Timeout, problems);
        return problems;
    }

    public override string ToString() =>
        $"{nameof(JiraConnectorOptions)} {{ Name = {Name}, SiteUrl = {SiteUrl}, Email = {Email}, ApiToken = {(string.IsNullOrEmpty(ApiToken) ? "(none)" : "***")}, ServiceDeskId = {ServiceDeskId}, RequestTypeId = {RequestTypeId}, ProjectKey = {ProjectKey}, Timeout = {Timeout} }}";

    private static void Number(string key, string? value, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.All(char.IsAsciiDigit))
        {
            problems.Add($"{key} is required and must be a number (got '{value}').");
        }
    }
}
