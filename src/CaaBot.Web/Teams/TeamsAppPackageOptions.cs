namespace CaaBot.Web.Teams;

/// <summary>What <see cref="TeamsAppPackage"/> fills into the manifest template.</summary>
public sealed record TeamsAppPackageOptions
{
    /// <summary>The bot's Microsoft App ID (the Azure Bot registration's <c>MicrosoftAppId</c>).</summary>
    public required Guid BotAppId { get; init; }

    /// <summary>The Teams app's own id; the bot's id when not given (one app, one bot).</summary>
    public Guid? TeamsAppId { get; init; }

    /// <summary>Semantic version of the package; raise it on every change an admin uploads.</summary>
    public string? Version { get; init; }

    public string? DeveloperName { get; init; }

    public Uri? WebsiteUrl { get; init; }

    public Uri? PrivacyUrl { get; init; }

    public Uri? TermsOfUseUrl { get; init; }

    /// <summary>Host names the app may open (the bot's own, for links into the web chat).</summary>
    public IReadOnlyList<string> ValidDomains { get; init; } = [];
}
