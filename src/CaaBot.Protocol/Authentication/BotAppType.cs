namespace CaaBot.Protocol.Authentication;

/// <summary>How the Azure Bot registration proves who it is (<c>MicrosoftAppType</c>).</summary>
public enum BotAppType
{
    /// <summary>An app registration in the organisation's own tenant (the default for new bots).</summary>
    SingleTenant,

    /// <summary>Legacy multi-tenant registration: tokens come from the <c>botframework.com</c> tenant.</summary>
    MultiTenant,

    /// <summary>A user-assigned managed identity: no secret at all; its client id is the app id.</summary>
    UserAssignedMSI,
}
