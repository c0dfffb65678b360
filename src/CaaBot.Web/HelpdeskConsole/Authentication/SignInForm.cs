namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>What the sign-in page shows: which ways to sign in, the form's hidden fields, and at most one generic error.</summary>
public sealed record SignInForm(
    string ReturnUrl,
    string AntiforgeryFieldName,
    string AntiforgeryToken,
    bool OffersLocalAccounts,
    string? OidcProviderName,
    string? UserName = null,
    string? Error = null);
