namespace CaaBot.DirectLine.Tokens;

/// <summary>What a token opens.</summary>
public enum DirectLineTokenKind
{
    /// <summary>The Bearer token of one conversation: start, post, poll, upload, refresh, reconnect.</summary>
    Conversation,

    /// <summary>The <c>t=</c> of a streamUrl: opens that conversation's WebSocket, nothing else, and lives minutes.</summary>
    Stream,
}
