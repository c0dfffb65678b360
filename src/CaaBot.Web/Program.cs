using CaaBot.Bot.Hosting;
using CaaBot.Web.Commands;
using CaaBot.Web.Endpoints;
using CaaBot.Web.HelpdeskConsole.LiveChat;
using CaaBot.Web.HelpdeskConsole.Authentication;
using CaaBot.Web.HelpdeskConsole.Incidents;
using CaaBot.Web.HelpdeskConsole.Insights;
using CaaBot.Web.Hosting;

if ((await HealthCheckCommandLine.TryRunAsync(args) ?? await HelpdeskCommandLine.TryRunAsync(args) ?? await KnowledgeCommandLine.TryRunAsync(args) ?? await TeamsCommandLine.TryRunAsync(args) ?? await ChatCommandLine.TryRunAsync(args)) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultBotUrl();
builder.Services.AddCaaBot(builder.Configuration);
builder.Services.AddCaaBotSupportBot();
builder.Services.AddCaaBotTeamsHelpdesk();
builder.Services.AddCaaBotWebChat();
builder.Services.AddCaaBotTelemetry();
builder.Services.AddCaaBotHelpdeskWebhook(builder.Configuration);
builder.Services.AddHelpdeskConsoleAuthentication(builder.Configuration);

var app = builder.Build().CheckSettings();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseHelpdeskConsoleAuthentication();
app.MapHealthApi();
app.MapBotMessagesApi();
app.MapHelpdeskWebhookApi();
app.MapHelpdeskInsightsApi();
app.MapHelpdeskIncidents();
app.UseCaaBotWebChat();
app.MapHelpdeskLiveChat();
app.Run();
return 0;

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
