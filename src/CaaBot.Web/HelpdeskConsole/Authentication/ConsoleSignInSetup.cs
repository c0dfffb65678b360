using CaaBot.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// How agents can sign in, decided once at start-up: configured local accounts and/or OpenID Connect; with neither,
/// in local development only, one generated <see cref="DevelopmentAccount"/>; otherwise nobody (the console says so).
/// </summary>
public sealed class ConsoleSignInSetup
{
    public ConsoleSignInSetup(
        IOptions<HelpdeskConsoleAuthenticationOptions> options,
        IOptions<CaaBotOptions> caabot,
        IOptions<BotCredentialsOptions> credentials,
        IHostEnvironment environment,
        ILogger<ConsoleSignInSetup> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caabot);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = options.Value;
        Oidc = configured.Oidc.IsConfigured ? configured.Oidc : null;
        var accounts = configured.Accounts;
        if (accounts.Count == 0 && Oidc is null && IsLocalDevelopment(caabot.Value, credentials.Value, environment))
        {
            DevelopmentAccountFile = Path.GetFullPath(Path.Combine(caabot.Value.DataDirectory, DevelopmentAccount.FileName));
            var account = DevelopmentAccount.LoadOrCreate(DevelopmentAccountFile, out var created);
            accounts = [new LocalAccountOptions { UserName = account.UserName, DisplayName = DevelopmentAccount.DisplayName, PasswordHash = ConsolePasswordHasher.Hash(account.Password) }];
            HelpdeskConsoleAuthenticationLog.DevelopmentAccount(logger, created ? "created" : "reused", DevelopmentAccountFile);
        }

        LocalAccounts = new LocalAccountDirectory(accounts);
        if (!IsConfigured)
        {
            HelpdeskConsoleAuthenticationLog.NotConfigured(logger, HelpdeskConsoleAuthenticationOptions.SectionName);
        }
    }

    public LocalAccountDirectory LocalAccounts { get; }

    /// <summary>The OpenID Connect provider, or null when it is not configured.</summary>
    public ConsoleOidcOptions? Oidc { get; }

    /// <summary>Where the generated development account lives, or null when there is none.</summary>
    public string? DevelopmentAccountFile { get; }

    /// <summary>False: nobody can sign in, and the sign-in page says sign-in is not configured.</summary>
    public bool IsConfigured => LocalAccounts.Count > 0 || Oidc is not null;

    /// <summary>The same local mode in which the bot accepts anonymous channel traffic: Development, or <c>CaaBot:AllowAnonymous</c> without an app id.</summary>
    private static bool IsLocalDevelopment(CaaBotOptions caabot, BotCredentialsOptions credentials, IHostEnvironment environment) =>
        environment.IsDevelopment() || (caabot.AllowAnonymous && !credentials.HasAppId);
}
