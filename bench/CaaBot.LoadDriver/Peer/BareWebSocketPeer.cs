using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaaBot.LoadDriver.Peer;

/// <summary>
/// The ceiling on this machine for "HTTP POST in, WebSocket message out": a bare ASP.NET Core app on the same URL
/// shapes as Direct Line, so the driver talks to it exactly as it talks to CaaBot. No tokens are checked, nothing is
/// stored, no bot runs: a posted activity is parsed, stamped with an id and sent straight back over the
/// conversation's socket with one fixed reply (a small card holding the button the journey clicks).
/// </summary>
internal static class BareWebSocketPeer
{
    public static async Task<int> RunAsync(string url, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ConcurrentDictionary<string, PeerSocket>>();
        var app = builder.Build();
        app.UseWebSockets();

        app.MapGet("/readyz", () => TypedResults.Ok());
        app.MapPost("/v3/directline/tokens/generate", () =>
        {
            var conversationId = RandomNumberGenerator.GetHexString(32, lowercase: true);
            return TypedResults.Json(new JsonObject { ["conversationId"] = conversationId, ["token"] = conversationId, ["expires_in"] = 1800 });
        });
        app.MapPost("/v3/directline/conversations", (HttpContext context) =>
        {
            var conversationId = context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
            var streamUrl = $"ws://{context.Request.Host}/v3/directline/conversations/{conversationId}/stream?t={conversationId}";
            return TypedResults.Json(new JsonObject { ["conversationId"] = conversationId, ["token"] = conversationId, ["expires_in"] = 1800, ["streamUrl"] = streamUrl }, statusCode: StatusCodes.Status201Created);
        });
        app.MapGet("/v3/directline/conversations/{id}/stream", AcceptAsync);
        app.MapPost("/v3/directline/conversations/{id}/activities", PostAsync);

        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static async Task AcceptAsync(HttpContext context, string id, ConcurrentDictionary<string, PeerSocket> sockets)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var peer = new PeerSocket(socket);
        sockets[id] = peer;
        try
        {
            var welcome = new JsonObject
            {
                ["type"] = "message",
                ["id"] = $"{id}|welcome",
                ["text"] = "welcome",
                ["from"] = new JsonObject { ["id"] = "peer", ["role"] = "bot" },
            };
            await peer.SendAsync(Set(welcome), context.RequestAborted);
            var buffer = new byte[1024];
            while (socket.State == WebSocketState.Open)
            {
                var frame = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (frame.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            sockets.TryRemove(new KeyValuePair<string, PeerSocket>(id, peer));
            peer.Dispose();
        }
    }

    private static async Task<IResult> PostAsync(HttpContext context, string id, ConcurrentDictionary<string, PeerSocket> sockets)
    {
        var echo = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        if (echo is null || !sockets.TryGetValue(id, out var peer))
        {
            return TypedResults.NotFound();
        }

        var echoId = $"{id}|{RandomNumberGenerator.GetHexString(16, lowercase: true)}";
        echo["id"] = echoId;
        echo["from"] = new JsonObject { ["id"] = "user", ["role"] = "user" };
        var reply = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"{id}|{RandomNumberGenerator.GetHexString(16, lowercase: true)}",
            ["replyToId"] = echoId,
            ["text"] = "ok",
            ["from"] = new JsonObject { ["id"] = "peer", ["role"] = "bot" },
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = new JsonObject
                {
                    ["type"] = "AdaptiveCard",
                    ["actions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Action.Submit",
                        ["title"] = Journey.NextStepButton,
                        ["data"] = new JsonObject { ["step"] = "next" },
                    }),
                },
            }),
        };
        await peer.SendAsync(Set(echo, reply), context.RequestAborted);
        return TypedResults.Json(new JsonObject { ["id"] = echoId });
    }

    private static byte[] Set(params JsonNode[] activities) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["activities"] = new JsonArray([.. activities]), ["watermark"] = "0" });

    /// <summary>One accepted socket; sends are serialized, as a WebSocket allows one send at a time.</summary>
    private sealed class PeerSocket(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
        {
            await _sending.WaitAsync(cancellationToken);
            try
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
            }
            finally
            {
                _sending.Release();
            }
        }

        public void Dispose() => _sending.Dispose();
    }
}
