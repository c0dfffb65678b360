using System.Collections.Concurrent;
using System.Globalization;
using CaaBot.Bot.Insights.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaaBot.Web.HelpdeskConsole.Insights;

/// <summary>
/// The helpdesk lead's insights in the console, all behind <see cref="HelpdeskConsolePolicy"/>:
/// <c>GET /helpdesk/insights</c> (the page), <c>GET /helpdesk/api/insights?from&amp;to</c> (JSON),
/// <c>GET /helpdesk/api/insights.csv?from&amp;to</c> (CSV), and the page's assets. A period that cannot be read is a 400
/// problem saying why. <c>chart.umd.js</c> is Chart.js, copied to <c>wwwroot/helpdesk/</c> by the project file.
/// </summary>
public static class HelpdeskInsightsApi
{
    public const string ChartBundleRelativePath = "wwwroot/helpdesk/chart.umd.js";

    private static readonly ConcurrentDictionary<string, string> Assets = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapHelpdeskInsightsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var console = endpoints.MapGroup(HelpdeskConsolePolicy.Prefix).RequireAuthorization(HelpdeskConsolePolicy.Name);
        console.MapGet("/insights", Page);
        console.MapGet("/insights/insights.js", () => Asset("insights.js", "text/javascript; charset=utf-8"));
        console.MapGet("/insights/insights.css", () => Asset("insights.css", "text/css; charset=utf-8"));
        console.MapGet("/chart.umd.js", ChartBundle);
        console.MapGet("/api/insights", ReportAsync);
        console.MapGet("/api/insights.csv", CsvAsync);
        return endpoints;
    }

    private static IResult Page(HttpContext context, TimeProvider timeProvider, string? from, string? to)
    {
        // The page always renders; a period it cannot read falls back to the defaults, and the API call says why.
        var period = InsightPeriodQuery.TryParse(from, to, timeProvider.GetUtcNow(), out var chosen, out _)
            ? chosen
            : InsightPeriod.Last(InsightPeriodQuery.DefaultDays, timeProvider.GetUtcNow());
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = InsightsPage.ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return TypedResults.Content(InsightsPage.Render(period, context.Request.PathBase), "text/html; charset=utf-8");
    }

    private static async Task<IResult> ReportAsync(HttpContext context, InsightReports reports, TimeProvider timeProvider, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!InsightPeriodQuery.TryParse(from, to, timeProvider.GetUtcNow(), out var period, out var error))
        {
            return BadPeriod(error);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Json(await reports.BuildAsync(period, cancellationToken));
    }

    private static async Task<IResult> CsvAsync(HttpContext context, InsightReports reports, TimeProvider timeProvider, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!InsightPeriodQuery.TryParse(from, to, timeProvider.GetUtcNow(), out var period, out var error))
        {
            return BadPeriod(error);
        }

        var report = await reports.BuildAsync(period, cancellationToken);
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = string.Create(
            CultureInfo.InvariantCulture, $"attachment; filename=\"caabot-insights-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv\"");
        // A byte order mark, so a spreadsheet opening the file reads it as UTF-8.
        return TypedResults.Text("\uFEFF" + InsightsCsv.Write(report), "text/csv; charset=utf-8");
    }

    private static ProblemHttpResult BadPeriod(string error) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The period cannot be read.", detail: error);

    private static IResult ChartBundle()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ChartBundleRelativePath);
        if (!File.Exists(path))
        {
            return TypedResults.Problem(
                title: "Chart.js bundle missing",
                detail: $"{ChartBundleRelativePath} is not in the build output; build the project with npm available.",
                statusCode: StatusCodes.Status500InternalServerError);
        }

        return TypedResults.PhysicalFile(path, "text/javascript; charset=utf-8", lastModified: File.GetLastWriteTimeUtc(path));
    }

    private static IResult Asset(string name, string contentType) =>
        TypedResults.Content(Assets.GetOrAdd(name, static key =>
        {
            using var stream = typeof(HelpdeskInsightsApi).Assembly.GetManifestResourceStream($"CaaBot.Web.HelpdeskConsole.Insights.Assets.{key}")
                ?? throw new InvalidOperationException($"Embedded asset {key} is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }), contentType);
}
