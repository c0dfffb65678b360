namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>One local helpdesk agent account; the hash comes from <c>helpdesk hash-password</c>, never a password.</summary>
public sealed class LocalAccountOptions
{
    public string UserName { get; set; } = string.Empty;

    /// <summary>The name the console and the user see; the user name when empty.</summary>
    public string? DisplayName { get; set; }

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2, format version 3, base64).</summary>
    public string PasswordHash { get; set; } = string.Empty;
}
