using CaaBot.Helpdesk.Connectors.Http;

namespace CaaBot.Helpdesk.Connectors.Zendesk;

/// <summary>
/// Settings of the Zendesk connector (Support Tickets API). Authenticates with an agent's <see cref="Email"/> and an
/// <see cref="ApiToken"/> (basic auth as <c>{email}/token:{api_token}</c>). The token comes from configuration only,
/// is never logged and is left out of <see cref="ToString"/>.
/// </summary>
public sealed record ZendeskConnectorOptions
{
    public string Name { get; init; } = "zendesk";

    /// <summary>The account, e.g. <c>https://example.zendesk.com</c>.</summary>
    public Uri? SubdomainUrl { get; init; }

    public string? Email { get; init; }

    public string? ApiToken { get; init; }

    /// <summary>Zendesk <c>group_id</c> per CaaBot group (<c>identity</c> → <c>360001234567</c>); other groups get <see cref="DefaultGroupId"/>.</summary>
    public IReadOnlyDictionary<string, long> GroupIds { get; init; } = new Dictionary<string, long>();

    /// <summary>Zendesk <c>group_id</c> for groups without an entry; null leaves it to the account's triggers.</summary>
    public long? DefaultGroupId { get; init; }

    /// <summary>Tags on every ticket (the CaaBot group and error code are added as <c>caabot_group_…</c> and <c>caabot_code_…</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = ["caabot"];

    /// <summary>Set the ticket's <c>requester</c> to the user's name and contact e-mail when they gave one (Zendesk creates the user if needed).</summary>
    public bool SetRequester { get; init; } = true;

    /// <summary>Longest comment body sent (Zendesk allows 65,535 characters); the full conversation is attached anyway.</summary>
    public int MaxBodyLength { get; init; } = 60_000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        OptionsCheck.Name(Name, problems);
        OptionsCheck.BaseUrl(nameof(SubdomainUrl), SubdomainUrl, "https://example.zendesk.com", problems);
        OptionsCheck.Required(nameof(Email), Email, "the agent's e-mail address", problems);
        OptionsCheck.Required(nameof(ApiToken), ApiToken, "a Zendesk API token, from the environment or a secret store", problems);
        if (Tags.Any(tag => string.IsNullOrWhiteSpace(tag) || tag.Any(char.IsWhiteSpace)))
        {
            problems.Add("Tags must be single words (Zendesk splits tags on spaces).");
        }

        if (MaxBodyLength is < 1000 or > 65_535)
        {
            problems.Add($"MaxBodyLength must be between 1000 and 65535 (got {MaxBodyLength}).");
        }

        OptionsCheck.Timeout(Timeout, problems);
        return problems;
    }

    public override string ToString() =>
        $"{nameof(ZendeskConnectorOptions)} {{ Name = {Name}, SubdomainUrl = {SubdomainUrl}, Email = {Email}, ApiToken = {(string.IsNullOrEmpty(ApiToken) ? "(none)" : "***")}, Timeout = {Timeout} }}";
}
