using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// Signing in and out of the helpdesk console: <c>GET/POST /helpdesk/signin</c> (local accounts),
/// <c>POST /helpdesk/signin/oidc</c> (to the provider and back through <c>/helpdesk/signin-oidc</c>),
/// <c>GET /helpdesk/account</c>, <c>POST /helpdesk/signout</c>, and <c>GET /helpdesk/api/me</c>.
/// </summary>
public static class HelpdeskConsoleSignInApi
{
    private const string GenericFailure = "The user name or password is not correct.";
    private const string ThrottledFailure = "Too many failed sign-in attempts. Wait a few minutes, then try again.";
    private const string ExpiredForm = "The sign-in form expired. Please try again.";
    private const string OidcFailure = "Single sign-on did not complete, or your account may not use the helpdesk console.";

    /// <summary>Adds authentication and authorization to the pipeline and maps the sign-in endpoints; call before mapping console pages.</summary>
    public static WebApplication UseHelpdeskConsoleAuthentication(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        var console = app.MapGroup(HelpdeskConsolePolicy.Prefix);
        console.MapGet("/signin", SignInPage);
        console.MapPost("/signin", SignInAsync);
        console.MapPost("/signin/oidc", ChallengeOidcAsync);
        console.MapGet("/signin/landing", (string? returnUrl, HttpContext context) => Html(context, ConsoleSignInPages.Landing(ConsoleReturnUrl.Sanitize(returnUrl)), null));
        console.MapGet("/account", AccountPage).RequireAuthorization(HelpdeskConsolePolicy.Name);
        console.MapPost("/signout", SignOutAsync).RequireAuthorization(HelpdeskConsolePolicy.Name).RequireConsoleAntiforgery();
        console.MapGet("/api/me", Me).RequireAuthorization(HelpdeskConsolePolicy.Name);
        return app;
    }

    private static IResult SignInPage(string? returnUrl, string? failed, HttpContext context, ConsoleSignInSetup setup) =>
        !setup.IsConfigured
            ? NotConfigured(context)
            : Html(context, ConsoleSignInPages.SignIn(Form(context, setup, returnUrl, error: failed is null ? null : OidcFailure)), setup.Oidc?.Authority);

    private static async Task<IResult> SignInAsync(
        HttpContext context, ConsoleSignInSetup setup, SignInThrottle throttle, ILogger<ConsoleSignInSetup> logger, CancellationToken cancellationToken)
    {
        if (!setup.IsConfigured)
        {
            return NotConfigured(context);
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        var returnUrl = ConsoleReturnUrl.Sanitize(form?["returnUrl"]);
        var userName = form?["userName"].ToString().Trim() ?? string.Empty;
        var password = form?["password"].ToString() ?? string.Empty;
        if (form is null || !await ConsoleAntiforgery.IsValidAsync(context))
        {
            return Html(context, ConsoleSignInPages.SignIn(Form(context, setup, returnUrl, userName, ExpiredForm)), setup.Oidc?.Authority, StatusCodes.Status400BadRequest);
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var wait = throttle.RetryAfter(userName, address);
        if (wait > TimeSpan.Zero)
        {
            HelpdeskConsoleAuthenticationLog.SignInThrottled(logger, userName, address);
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Html(context, ConsoleSignInPages.SignIn(Form(context, setup, returnUrl, userName, ThrottledFailure)), setup.Oidc?.Authority, StatusCodes.Status429TooManyRequests);
        }

        if (userName.Length == 0 || setup.LocalAccounts.Verify(userName, password) is not { } agent)
        {
            throttle.RecordFailure(userName, address);
            HelpdeskConsoleAuthenticationLog.SignInFailed(logger, userName, address);
            return Html(context, ConsoleSignInPages.SignIn(Form(context, setup, returnUrl, userName, GenericFailure)), setup.Oidc?.Authority);
        }

        throttle.RecordSuccess(userName, address);
        await context.SignInAsync(HelpdeskConsoleSchemes.Cookie, agent.ToPrincipal());
        HelpdeskConsoleAuthenticationLog.SignedIn(logger, agent.Id, agent.SignInMethod);
        return Redirect(returnUrl);
    }

    private static async Task<IResult> ChallengeOidcAsync(HttpContext context, ConsoleSignInSetup setup, CancellationToken cancellationToken)
    {
        if (setup.Oidc is null)
        {
            return TypedResults.NotFound();
        }

        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(cancellationToken) : null;
        var returnUrl = ConsoleReturnUrl.Sanitize(form?["returnUrl"]);
        if (form is null || !await ConsoleAntiforgery.IsValidAsync(context))
        {
            return Html(context, ConsoleSignInPages.SignIn(Form(context, setup, returnUrl, error: ExpiredForm)), setup.Oidc.Authority, StatusCodes.Status400BadRequest);
        }

        var landing = $"{HelpdeskConsolePolicy.Prefix}/signin/landing?returnUrl={Uri.EscapeDataString(returnUrl)}";
        return TypedResults.Challenge(new AuthenticationProperties { RedirectUri = landing }, [HelpdeskConsoleSchemes.Oidc]);
    }

    private static IResult AccountPage(HttpContext context) =>
        HelpdeskAgent.From(context.User) is { } agent
            ? Html(context, ConsoleSignInPages.Account(agent, ConsoleAntiforgery.FormFieldName, ConsoleAntiforgery.IssueToken(context)), null)
            : TypedResults.Forbid();

    private static async Task<IResult> SignOutAsync(HttpContext context, ILogger<ConsoleSignInSetup> logger)
    {
        if (HelpdeskAgent.From(context.User) is { } agent)
        {
            HelpdeskConsoleAuthenticationLog.SignedOut(logger, agent.Id);
        }

        await context.SignOutAsync(HelpdeskConsoleSchemes.Cookie);
        return Redirect(HelpdeskConsolePolicy.Prefix + "/signin");
    }

    private static Results<Ok<AgentProfile>, ForbidHttpResult> Me(HttpContext context)
    {
        if (HelpdeskAgent.From(context.User) is not { } agent)
        {
            return TypedResults.Forbid();
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AgentProfile(agent.Id, agent.DisplayName, agent.SignInMethod, ConsoleAntiforgery.HeaderName, ConsoleAntiforgery.IssueToken(context)));
    }

    private static SignInForm Form(HttpContext context, ConsoleSignInSetup setup, string? returnUrl, string? userName = null, string? error = null) => new(
        ConsoleReturnUrl.Sanitize(returnUrl),
        ConsoleAntiforgery.FormFieldName,
        ConsoleAntiforgery.IssueToken(context),
        setup.LocalAccounts.Count > 0,
        setup.Oidc?.ButtonName,
        userName,
        error);

    /// <summary>Only ever a local URL (LocalRedirect refuses anything else, on top of <see cref="ConsoleReturnUrl"/>).</summary>
    private static IResult Redirect(string localUrl) => TypedResults.LocalRedirect(localUrl);

    private static IResult NotConfigured(HttpContext context) =>
        Html(context, ConsoleSignInPages.NotConfigured(), null, StatusCodes.Status503ServiceUnavailable);

    private static IResult Html(HttpContext context, string html, string? oidcAuthority, int statusCode = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ConsoleSignInPages.ContentSecurityPolicy(oidcAuthority);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return TypedResults.Content(html, ConsoleSignInPages.ContentType, statusCode: statusCode);
    }
}
