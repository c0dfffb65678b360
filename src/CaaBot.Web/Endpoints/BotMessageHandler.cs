using System.Net;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol;
using CaaBot.Protocol.Connector;
using CaaBot.Protocol.Schema;
using CaaBot.Web.Authentication;
using CaaBot.Web.Channels;
using CaaBot.Web.Configuration;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Endpoints;

/// <summary>
/// One request to <c>/api/messages</c>: read and authenticate the activity, run it as a turn, and
/// answer the way the Bot Connector protocol expects for its type and delivery mode.
/// </summary>
public sealed class BotMessageHandler(
    ChannelRequestAuthenticator authenticator,
    TurnProcessor turnProcessor,
    IBot bot,
    ConnectorClient connector,
    IOptions<CaaBotOptions> options,
    TimeProvider timeProvider,
    ILogger<BotMessageHandler> logger)
{
    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        if (authenticator.IsObviouslyUnauthenticated(authorization))
        {
            BotMessageLog.Refused(logger, "no Authorization header");
            return Unauthorized();
        }

        var (activity, problem) = await ActivityBodyReader.ReadAsync(request, options.Value.MaxActivityBytes, cancellationToken);
        if (activity is null)
        {
            return problem!;
        }

        var authentication = await authenticator.AuthenticateAsync(authorization, activity, cancellationToken);
        if (!authentication.IsAuthenticated)
        {
            BotMessageLog.Refused(logger, authentication.FailureReason ?? "invalid credentials");
            return authentication.IsForbidden
                ? TypedResults.Problem(title: "Forbidden", statusCode: StatusCodes.Status403Forbidden)
                : Unauthorized();
        }

        if (activity.Type == ActivityTypes.Typing)
        {
            // The user's typing indicator carries nothing to act on.
            return TypedResults.Ok();
        }

        if (activity.Conversation?.Id is not { Length: > 0 })
        {
            return TypedResults.Problem(title: "Malformed activity", detail: "The activity has no conversation id.", statusCode: StatusCodes.Status400BadRequest);
        }

        return activity.DeliveryMode == DeliveryModes.ExpectReplies
            ? await RunWithRepliesInResponseAsync(activity, cancellationToken)
            : await RunWithRepliesThroughConnectorAsync(activity, cancellationToken);
    }

    private async Task<IResult> RunWithRepliesInResponseAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channel = new ExpectRepliesChannel();
        var outcome = await turnProcessor.ProcessAsync(activity, channel, bot, cancellationToken);
        return activity.Type == ActivityTypes.Invoke
            ? InvokeResult(outcome)
            : TypedResults.Json(new ExpectedReplies { Activities = channel.Activities }, ProtocolJson.Options);
    }

    private async Task<IResult> RunWithRepliesThroughConnectorAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("http" or "https"))
        {
            return TypedResults.Problem(
                title: "Malformed activity",
                detail: "The activity needs an absolute http(s) serviceUrl to receive replies, or deliveryMode \"expectReplies\".",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var channel = new ConnectorActivityChannel(connector, serviceUrl, activity.Conversation!.Id!);
        TurnOutcome outcome;
        await using (TypingIndicator.StartFor(connector, serviceUrl, activity, timeProvider))
        {
            try
            {
                outcome = await turnProcessor.ProcessAsync(activity, channel, bot, cancellationToken);
            }
            catch (ConnectorException exception) when (exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // The user blocked or uninstalled the bot, or the bot was removed from the chat: the turn is committed,
                // nobody is there to read a reply, and the channel must not be told to retry.
                BotMessageLog.RecipientGone(logger, (int)exception.StatusCode!.Value, exception.ErrorCode ?? "none");
                return TypedResults.Ok();
            }
        }

        return activity.Type == ActivityTypes.Invoke ? InvokeResult(outcome) : TypedResults.Ok();
    }

    private static IResult InvokeResult(TurnOutcome outcome) => outcome.InvokeResponse switch
    {
        null => TypedResults.StatusCode(StatusCodes.Status501NotImplemented),
        { Body: { } body } response => TypedResults.Json(body, ProtocolJson.Options, statusCode: response.Status),
        var response => TypedResults.StatusCode(response.Status),
    };

    private static IResult Unauthorized() =>
        TypedResults.Problem(title: "Unauthorized", detail: "A valid channel token is required.", statusCode: StatusCodes.Status401Unauthorized);
}
