using System.Text.Json;

namespace CaaBot.EndToEnd.Tests.Playground;

/// <summary>
/// A chat message as the Playground shows it (the <c>message</c> of a stream event). The Playground turns the bot's
/// activity into this shape: <c>text</c>, <c>textFormat</c> (default "markdown"), <c>attachments</c>…
/// </summary>
public sealed record PlaygroundMessage(
    string MessageId,
    long Timestamp,
    PlaygroundAccount From,
    string? Text = null,
    string? TextFormat = null,
    JsonElement? Attachments = null,
    string? DirectLineConversationId = null);
