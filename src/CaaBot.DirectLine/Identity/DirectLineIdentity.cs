namespace CaaBot.DirectLine.Identity;

/// <summary>Who a token is issued to: a user id the server decided, and how it was decided.</summary>
public sealed record DirectLineIdentity(string UserId, string? UserName, DirectLineIdentitySource Source);
