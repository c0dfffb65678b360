using CaaBot.Helpdesk.Incidents;

namespace CaaBot.Web.HelpdeskConsole.Incidents;

/// <summary>
/// Incidents in the helpdesk console, behind <see cref="HelpdeskConsolePolicy"/>: <c>GET /helpdesk/incidents</c> (a
/// look-up by ticket number; <c>?number=</c> goes to that incident) and <c>GET /helpdesk/incidents/{number}</c> (the
/// incident with everyone linked to it) and <c>GET /helpdesk/incidents/{number}/people.csv</c> (the same people as CSV). An external helpdesk system holds the incident ticket as filed; the people
/// linked to it later are here.
/// </summary>
public static class HelpdeskIncidentsApi
{
    public static IEndpointRouteBuilder MapHelpdeskIncidents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var console = endpoints.MapGroup(HelpdeskConsolePolicy.Prefix).RequireAuthorization(HelpdeskConsolePolicy.Name);
        console.MapGet("/incidents", LookUp);
        console.MapGet("/incidents/{number}", ShowAsync);
        console.MapGet("/incidents/{number}/people.csv", CsvAsync);
        return endpoints;
    }

    private static IResult LookUp(HttpContext context, string? number)
    {
        var wanted = number?.Trim();
        if (!string.IsNullOrEmpty(wanted))
        {
            return TypedResults.Redirect($"{context.Request.PathBase}{HelpdeskConsolePolicy.Prefix}/incidents/{Uri.EscapeDataString(wanted.ToUpperInvariant())}");
        }

        return Page(context, StatusCodes.Status200OK, null, null);
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string number, IncidentRecords incidents, CancellationToken cancellationToken)
    {
        var incident = await incidents.ReadAsync(number, cancellationToken);
        return Page(context, incident is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK, number, incident);
    }

    private static async Task<IResult> CsvAsync(HttpContext context, string number, IncidentRecords incidents, CancellationToken cancellationToken)
    {
        if (await incidents.ReadAsync(number, cancellationToken) is not { } incident)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{number} is not an incident ticket.");
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"incident-{Uri.EscapeDataString(incident.Number)}.csv\"";
        return TypedResults.Text(IncidentCsv.Write(incident), "text/csv; charset=utf-8");
    }

    private static IResult Page(HttpContext context, int status, string? number, Incident? incident)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = IncidentPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return TypedResults.Content(IncidentPage.Render(context.Request.PathBase, number, incident), "text/html; charset=utf-8", statusCode: status);
    }
}
