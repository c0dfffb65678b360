namespace CaaBot.Helpdesk.Connectors.Http;

/// <summary>How a system's description field treats text: how to make a value or a block of user text inert.</summary>
/// <param name="Inline">Escapes one value (a name, a title) so it renders literally.</param>
/// <param name="Block">Wraps multi-line text the user typed so it renders literally.</param>
/// <param name="Link">Writes a link the agent can open (the address is already checked to be http(s)).</param>
internal sealed record TextMarkup(Func<string, string> Inline, Func<string, string> Block, Func<string, string> Link)
{
    /// <summary>Plain-text fields (ServiceNow's description, Zendesk's comment body): nothing is interpreted.</summary>
    public static TextMarkup Plain { get; } = new(text => text, text => text, url => url);
}
