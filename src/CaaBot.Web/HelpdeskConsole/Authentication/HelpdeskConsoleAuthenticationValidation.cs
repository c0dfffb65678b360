using Microsoft.Extensions.Options;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>Stops the host at start when an account or the OpenID Connect settings cannot work, naming the key.</summary>
public sealed class HelpdeskConsoleAuthenticationValidation : IValidateOptions<HelpdeskConsoleAuthenticationOptions>
{
    public ValidateOptionsResult Validate(string? name, HelpdeskConsoleAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var section = HelpdeskConsoleAuthenticationOptions.SectionName;
        for (var index = 0; index < options.Accounts.Count; index++)
        {
            var account = options.Accounts[index];
            if (string.IsNullOrWhiteSpace(account.UserName) || account.UserName.Any(char.IsControl))
            {
                problems.Add($"{section}:Accounts:{index}:UserName is empty.");
            }

            if (!ConsolePasswordHasher.IsWellFormed(account.PasswordHash))
            {
                problems.Add($"{section}:Accounts:{index}:PasswordHash is not a password hash; make one with `dotnet run --project src/CaaBot.Web -- helpdesk hash-password`.");
            }
        }

        problems.AddRange(options.Accounts
            .GroupBy(account => account.UserName.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Key.Length > 0 && group.Count() > 1)
            .Select(group => $"{section}:Accounts lists the user name '{group.Key}' more than once."));

        var oidc = options.Oidc;
        string?[] oidcSettings = [oidc.Authority, oidc.ClientId, oidc.ClientSecret];
        if (!oidc.IsConfigured && oidcSettings.Any(value => !string.IsNullOrWhiteSpace(value)))
        {
            problems.Add($"{section}:Oidc needs all of Authority, ClientId and ClientSecret.");
        }

        if (oidc.IsConfigured && !IsAcceptableAuthority(oidc.Authority!))
        {
            problems.Add($"{section}:Oidc:Authority must be an absolute https address (plain http only on a loopback address).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>https, or http on loopback (a local test provider); tokens never cross a network in the clear.</summary>
    public static bool IsAcceptableAuthority(string authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
