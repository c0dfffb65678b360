using System.ComponentModel.DataAnnotations;

namespace CaaBot.Bot.LiveChat.Teams;

/// <summary>
/// <c>CaaBot:Helpdesk:Teams</c>: the Teams channel where helpdesk agents take live chats. Off until
/// <see cref="ChannelId"/> is set; then <see cref="ServiceUrl"/> and <see cref="TenantId"/> are required too.
/// </summary>
public sealed class TeamsHelpdeskOptions : IValidatableObject
{
    public const string SectionName = "CaaBot:Helpdesk:Teams";

    /// <summary>The channel's conversation id, <c>19:…@thread.tacv2</c> (Teams: "Get link to channel", the <c>19:</c> part).</summary>
    public string? ChannelId { get; set; }

    /// <summary>
    /// The Bot Connector of the team's region, e.g. <c>https://smba.trafficmanager.net/emea/</c>. Trusted for the bot's
    /// token by configuration, so the first card can be posted before anybody wrote in the channel.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The Entra tenant of the team; only agents of this tenant, in this channel, count as agents.</summary>
    public string? TenantId { get; set; }

    /// <summary>The team's id (<c>19:…@thread.tacv2</c> of its General channel); optional, sent along when set.</summary>
    public string? TeamId { get; set; }

    /// <summary>The bot's Teams id (<c>28:{MicrosoftAppId}</c>); the host fills it from the app registration.</summary>
    public string? BotId { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ChannelId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        // The channel itself, not one of its threads (Teams: 19:…@thread.tacv2; the Agents Playground has its own shape).
        if (ChannelId!.Contains(';', StringComparison.Ordinal) || ChannelId.Any(char.IsWhiteSpace))
        {
            yield return new ValidationResult($"{SectionName}:ChannelId must be a channel id like 19:…@thread.tacv2 (without ;messageid=).", [nameof(ChannelId)]);
        }

        if (ServiceUrl is not { IsAbsoluteUri: true, Scheme: "https" or "http" })
        {
            yield return new ValidationResult($"{SectionName}:ServiceUrl must be the absolute http(s) URL of the team's Bot Connector.", [nameof(ServiceUrl)]);
        }

        if (string.IsNullOrWhiteSpace(TenantId))
        {
            yield return new ValidationResult($"{SectionName}:TenantId is required with a ChannelId.", [nameof(TenantId)]);
        }
    }
}
