using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CaaBot.Conversations.Testing.Time;
using CaaBot.DirectLine.Api;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Hosting;
using CaaBot.DirectLine.Uploads;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using CaaBot.Storage.InMemory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaaBot.DirectLine.Tests.Support;

/// <summary>The Direct Line API alone on a TestServer: in-memory storage, a manual clock, <see cref="EchoGateway"/> as the bot.</summary>
public sealed class DirectLineTestHost : IAsyncDisposable
{
    public const string SigningKey = "tests only: a signing key of at least 32 bytes";

    private readonly WebApplication _app;

    private DirectLineTestHost(WebApplication app, ManualTimeProvider clock)
    {
        _app = app;
        Clock = clock;
        Client = app.GetTestClient();
    }

    public ManualTimeProvider Clock { get; }

    public HttpClient Client { get; }

    public TestServer Server => _app.GetTestServer();

    public EchoGateway Bot => (EchoGateway)_app.Services.GetRequiredService<IDirectLineBotGateway>();

    public DirectLineUploads Uploads => _app.Services.GetRequiredService<DirectLineUploads>();

    public static async Task<DirectLineTestHost> StartAsync(
        Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Production", ManualTimeProvider? clock = null)
    {
        clock ??= new ManualTimeProvider();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["CaaBot:DirectLine:AllowAnonymous"] = "true",
            ["CaaBot:DirectLine:TokenSigningKey"] = SigningKey,
        };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<IDocumentStore, InMemoryDocumentStore>();
        builder.Services.AddSingleton<IStreamStore>(new InMemoryStreamStore(clock));
        builder.Services.AddSingleton<IDirectLineBotGateway, EchoGateway>();
        builder.Services.AddCaaBotDirectLine();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseWebSockets();
        app.MapDirectLineApi();
        await app.StartAsync();
        return new DirectLineTestHost(app, clock);
    }

    /// <summary>Generate a token and start its conversation, as Web Chat does.</summary>
    public async Task<Session> StartConversationAsync()
    {
        var generated = await PostJsonAsync("/v3/directline/tokens/generate", null, token: null);
        generated.EnsureSuccessStatusCode();
        var token = await ReadAsync(generated);
        var started = await PostJsonAsync("/v3/directline/conversations", new { user = new { id = "page-chosen" } }, token.GetProperty("token").GetString());
        started.EnsureSuccessStatusCode();
        var conversation = await ReadAsync(started);
        return new Session(
            conversation.GetProperty("conversationId").GetString()!,
            conversation.GetProperty("token").GetString()!,
            conversation.GetProperty("userId").GetString()!,
            conversation.GetProperty("streamUrl").GetString()!);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body, string? token, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: ProtocolJson.Options),
        };
        Authorize(request, token, origin);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        Authorize(request, token, origin);
        return Client.SendAsync(request);
    }

    public async Task<ResourceResponse> PostActivityAsync(Session session, Activity activity)
    {
        using var response = await PostJsonAsync($"/v3/directline/conversations/{session.ConversationId}/activities", activity, session.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ResourceResponse>(ProtocolJson.Options))!;
    }

    public async Task<ActivitySet> GetActivitiesAsync(Session session, string? watermark = null)
    {
        using var response = await GetAsync($"/v3/directline/conversations/{session.ConversationId}/activities?watermark={watermark}", session.Token);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ActivitySet>(ProtocolJson.Options))!;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Authorize(HttpRequestMessage request, string? token, string? origin)
    {
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }
    }

    /// <summary>A started conversation as a client holds it.</summary>
    public sealed record Session(string ConversationId, string Token, string UserId, string StreamUrl);
}
