namespace CaaBot.Helpdesk.Tests.Connectors.LocalServers;

/// <summary>How the fake webhook receiver answers an accepted POST.</summary>
public enum WebhookAnswer
{
    /// <summary><c>201 {"id", "number", "url"}</c> (200 for a redelivery).</summary>
    Json,

    /// <summary><c>204</c> with no body.</summary>
    NoContent,

    /// <summary><c>200 OK</c> as text/plain.</summary>
    Text,
}
