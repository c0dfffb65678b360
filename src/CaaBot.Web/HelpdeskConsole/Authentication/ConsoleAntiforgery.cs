using Microsoft.AspNetCore.Antiforgery;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>
/// CSRF protection for the console's state-changing requests. The session cookie is SameSite=Strict already; this adds
/// the synchronizer token, so a request counts only when the console's own script (or form) sent it.
/// </summary>
/// <remarks>
/// For authors of console APIs: put <c>.RequireAuthorization(HelpdeskConsolePolicy.Name).RequireConsoleAntiforgery()</c>
/// on every POST/PUT/PATCH/DELETE endpoint. The console page gets the token from <c>GET /helpdesk/api/me</c>
/// (<c>antiforgeryToken</c>) and sends it back in the <see cref="HeaderName"/> header; a form sends it as the hidden
/// <see cref="FormFieldName"/> field instead. A missing or wrong token is answered 400 before the handler runs.
/// The token belongs to the signed-in agent: fetch a new one after signing in again.
/// </remarks>
public static class ConsoleAntiforgery
{
    public const string HeaderName = "X-CaaBot-Antiforgery";

    public const string FormFieldName = "__RequestVerificationToken";

    public const string CookieName = "caabot.helpdesk.antiforgery";

    /// <summary>Refuses the request with 400 unless it carries a valid antiforgery token (header or form field).</summary>
    public static TBuilder RequireConsoleAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddEndpointFilter(async (context, next) =>
            await IsValidAsync(context.HttpContext)
                ? await next(context)
                : TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request's antiforgery token is missing or not valid; reload the console."));
        return builder;
    }

    /// <summary>True when the request carries a valid token for the current user (header or form field, plus the cookie).</summary>
    public static async Task<bool> IsValidAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    /// <summary>A fresh request token for the current user (and the cookie it pairs with, set on the response).</summary>
    public static string IssueToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;
    }
}
