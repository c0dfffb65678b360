using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Tokens;
using CaaBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Api;

/// <summary><c>GET</c> and <c>POST /conversations/{id}/activities</c>: polling and sending.</summary>
public sealed class DirectLineActivityEndpoints(
    DirectLineTokenService tokens,
    DirectLineConversations conversations,
    IDirectLineBotGateway gateway,
    IOptions<DirectLineOptions> options,
    ILogger<DirectLineActivityEndpoints> logger)
{
    /// <summary>How many history entries one poll returns at most; the client polls again for the rest.</summary>
    public const int MaxActivitiesPerSet = 100;

    /// <summary>Activities after <paramref name="watermark"/> (typing is never returned by a poll), and the new watermark.</summary>
    public async Task<IResult> GetAsync(HttpContext context, string conversationId, string? watermark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (record, problem) = await AuthorizeAsync(context, conversationId, cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        var after = DirectLineHttp.ParseWatermark(watermark);
        var entries = await conversations.ReadAsync(conversationId, after, MaxActivitiesPerSet, cancellationToken);
        return TypedResults.Json(
            new ActivitySet
            {
                Activities = [.. entries.Where(entry => entry.Activity.Type != ActivityTypes.Typing).Select(entry => entry.Activity)],
                Watermark = DirectLineHttp.FormatWatermark(entries.Count > 0 ? entries[^1].Sequence : after),
            },
            CaaBot.Protocol.ProtocolJson.Options);
    }

    /// <summary>
    /// Stamps and appends the client's activity (the echo, with its <c>clientActivityID</c>), then runs the bot on it
    /// before answering <c>{id}</c>, so the bot's replies are in the history by the time the client hears back.
    /// </summary>
    public async Task<IResult> PostAsync(HttpContext context, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (record, problem) = await AuthorizeAsync(context, conversationId, cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        var (activity, bad) = await JsonBody.ReadAsync<Activity>(context.Request, options.Value.MaxActivityBytes, optional: false, cancellationToken);
        if (activity is null)
        {
            return bad!;
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return DirectLineHttp.Error(StatusCodes.Status400BadRequest, "BadArgument", "An activity needs a type.");
        }

        return await AcceptAsync(context, record, activity, cancellationToken);
    }

    internal async Task<IResult> AcceptAsync(HttpContext context, ConversationRecord record, Activity activity, CancellationToken cancellationToken)
    {
        if (activity.From?.Id is { Length: > 0 } claimed && !string.Equals(claimed, record.UserId, StringComparison.Ordinal))
        {
            DirectLineLog.SenderOverwritten(logger, record.ConversationId);
        }

        var echo = await conversations.AppendFromUserAsync(record, activity, DirectLineHttp.ServiceUrl(context.Request, options.Value), cancellationToken);
        if (echo.Activity.Type != ActivityTypes.Typing)
        {
            try
            {
                await gateway.ProcessAsync(echo.Activity, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                DirectLineLog.BotFailed(logger, exception, record.ConversationId);
                return DirectLineHttp.Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not process the activity.");
            }
        }

        return TypedResults.Ok(new ResourceResponse(echo.Activity.Id));
    }

    internal async Task<(ConversationRecord? Record, IResult? Problem)> AuthorizeAsync(HttpContext context, string conversationId, CancellationToken cancellationToken)
    {
        var (claims, problem) = DirectLineHttp.Authorize(context, DirectLineHttp.Bearer(context.Request), DirectLineTokenKind.Conversation, conversationId, tokens, logger);
        return claims is null ? (null, problem) : await DirectLineHttp.FindConversationAsync(conversations, claims, cancellationToken);
    }
}
