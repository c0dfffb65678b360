using System.ComponentModel.DataAnnotations;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>The <c>CaaBot:Helpdesk:Console</c> section: who may sign in to the helpdesk console, and for how long.</summary>
public sealed class HelpdeskConsoleAuthenticationOptions
{
    public const string SectionName = "CaaBot:Helpdesk:Console";

    /// <summary>Local accounts (<c>Accounts:0:UserName</c>, <c>:DisplayName</c>, <c>:PasswordHash</c>).</summary>
    public List<LocalAccountOptions> Accounts { get; set; } = [];

    /// <summary>The organisation's OpenID Connect provider; used when Authority, ClientId and ClientSecret are all set.</summary>
    public ConsoleOidcOptions Oidc { get; set; } = new();

    /// <summary>How long a session lasts without a request; every request renews it (sliding expiry).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins allowed for one user name from one address within <see cref="FailedSignInWindow"/>.</summary>
    [Range(1, 100)]
    public int FailedSignInLimit { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(15);
}
