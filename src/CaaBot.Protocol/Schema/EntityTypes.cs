namespace CaaBot.Protocol.Schema;

/// <summary>Values of <see cref="Entity.Type"/> the bot reads. Note the Pascal case of Web Chat's <c>ClientCapabilities</c>.</summary>
public static class EntityTypes
{
    public const string Mention = "mention";
    public const string ClientInfo = "clientInfo";
    public const string ClientCapabilities = "ClientCapabilities";
}
