using CaaBot.Bot.Hosting;
using CaaBot.Web.Endpoints;
using CaaBot.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultBotUrl();
builder.Services.AddCaaBot(builder.Configuration);
builder.Services.AddCaaBotSupportBot();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthApi();
app.MapBotMessagesApi();
app.Run();

/// <summary>Entry point; public so integration tests can host it with WebApplicationFactory.</summary>
public partial class Program;
