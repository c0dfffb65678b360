using CaaBot.Helpdesk.Connectors.Http;

namespace CaaBot.Helpdesk.Connectors.ServiceNow;

/// <summary>
/// Settings of the ServiceNow connector (Table API, incidents). Authenticate either with a user's
/// <see cref="Username"/> and <see cref="Password"/> (basic auth; give the account the <c>itil</c> role or a role
/// that may create incidents and attachments) or with an OAuth <see cref="BearerToken"/>. Secrets come from
/// configuration only, are never logged and are left out of <see cref="ToString"/>.
/// </summary>
public sealed record ServiceNowConnectorOptions
{
    public string Name { get; init; } = "servicenow";

    /// <summary>The instance, e.g. <c>https://example.service-now.com</c>.</summary>
    public Uri? InstanceUrl { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>An OAuth access token, instead of <see cref="Username"/>/<see cref="Password"/>.</summary>
    public string? BearerToken { get; init; }

    /// <summary>Incident <c>assignment_group</c> per CaaBot group (<c>identity</c> → a group's sys_id or name); other groups get <see cref="DefaultAssignmentGroup"/>.</summary>
    public IReadOnlyDictionary<string, string> AssignmentGroups { get; init; } = new Dictionary<string, string>();

    /// <summary>Incident <c>assignment_group</c> for groups without an entry; empty leaves it to the instance's assignment rules.</summary>
    public string? DefaultAssignmentGroup { get; init; }

    /// <summary>Incident <c>category</c>, e.g. <c>software</c> or <c>inquiry</c>; empty leaves the instance's default.</summary>
    public string? Category { get; init; }

    /// <summary>Incident <c>caller_id</c> (a sys_user sys_id) for every ticket, e.g. a "CaaBot self-service" user; the requester's own contact details are in the description.</summary>
    public string? CallerId { get; init; }

    /// <summary>Longest <c>description</c> sent (the incident dictionary's default is 4,000); the full conversation is attached anyway.</summary>
    public int MaxDescriptionLength { get; init; } = 4000;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        OptionsCheck.Name(Name, problems);
        OptionsCheck.BaseUrl(nameof(InstanceUrl), InstanceUrl, "https://example.service-now.com", problems);
        var basic = !string.IsNullOrWhiteSpace(Username) || !string.IsNullOrEmpty(Password);
        var bearer = !string.IsNullOrEmpty(BearerToken);
        if (basic == bearer)
        {
            problems.Add("Set either Username and Password (basic auth) or BearerToken (OAuth), not both and not neither.");
        }
        else if (basic && (string.IsNullOrWhiteSpace(Username) || string.IsNullOrEmpty(Password)))
        {
            problems.Add("Basic auth needs both Username and Password.");
        }

        if (MaxDescriptionLength < 1000)
        {
            problems.Add($"MaxDescriptionLength must be at least 1000 (got {MaxDescriptionLength}).");
        }

        OptionsCheck.Timeout(Timeout, problems);
        return problems;
    }

    public override string ToString() =>
        $"{nameof(ServiceNowConnectorOptions)} {{ Name = {Name}, InstanceUrl = {InstanceUrl}, Username = {Username}, Password = {Mask(Password)}, BearerToken = {Mask(BearerToken)}, Category = {Category}, Timeout = {Timeout} }}";

    private static string Mask(string? secret) => string.IsNullOrEmpty(secret) ? "(none)" : "***";
}
