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
/// <remarks>
/// With normal delivery the replies go through the Connector, so the channel need not wait for them: a turn that
/// runs longer than <see cref="CaaBotOptions.TurnResponseBudget"/> is answered at once (202, or a "working on it"
/// invoke response) and finishes out of band. Turns are never tied to the request's cancellation: a channel that
/// gives up waiting must not roll back what the user said.
/// </remarks>
public sealed class BotMessageHandler(
    ChannelRequestAuthenticator authenticator,
    TurnProcessor turnProcessor,
    IBot bot,
    ConnectorClient connector,
    OutOfBandTurns outOfBand,
    IHostApplicationLifetime lifetime,
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

        if (AdaptiveCardAction.IsAdaptiveCardAction(activity))
        {
            return await RunCardActionAsync(activity, cancellationToken);
        }

        return activity.DeliveryMode == DeliveryModes.ExpectReplies
            ? await RunWithRepliesInResponseAsync(activity, cancellationToken)
            : await RunWithRepliesThroughConnectorAsync(activity);
    }

    private async Task<IResult> RunWithRepliesInResponseAsync(Activity activity, CancellationToken cancellationToken)
    {
        var channel = new ExpectRepliesChannel();
        var outcome = await turnProcessor.ProcessAsync(activity, channel, bot, cancellationToken);
        return activity.Type == ActivityTypes.Invoke
            ? InvokeResult(outcome.InvokeResponse)
            : TypedResults.Json(new ExpectedReplies { Activities = channel.Activities }, ProtocolJson.Options);
    }

    private async Task<IResult> RunWithRepliesThroughConnectorAsync(Activity activity)
    {
        if (ServiceUrlOf(activity) is not { } serviceUrl)
        {
            return NoServiceUrl();
        }

        var run = await RunWithinBudgetAsync(activity, activity, new ConnectorActivityChannel(connector, serviceUrl, activity.Conversation!.Id!), serviceUrl);
        if (run is null)
        {
            return activity.Type == ActivityTypes.Invoke ? InvokeResult(new InvokeResponse(200)) : TypedResults.Accepted((string?)null);
        }

        return activity.Type == ActivityTypes.Invoke && !run.RecipientGone ? InvokeResult(run.Outcome?.InvokeResponse) : TypedResults.Ok();
    }

    /// <summary><c>Action.Execute</c>: run as the card submit it stands for; the refreshed card is the invoke response.</summary>
    private async Task<IResult> RunCardActionAsync(Activity invoke, CancellationToken cancellationToken)
    {
        var (submit, refusal) = AdaptiveCardAction.ToSubmit(invoke);
        if (submit is null)
        {
            return InvokeResult(refusal);
        }

        if (invoke.DeliveryMode == DeliveryModes.ExpectReplies)
        {
            var replies = new CardRefreshCapture(new ExpectRepliesChannel(), invoke.ReplyToId);
            await turnProcessor.ProcessAsync(submit, replies, bot, cancellationToken);
            return InvokeResult(AdaptiveCardAction.Answer(replies.RefreshedCard));
        }

        if (ServiceUrlOf(invoke) is not { } serviceUrl)
        {
            return NoServiceUrl();
        }

        var channel = new CardRefreshCapture(new ConnectorActivityChannel(connector, serviceUrl, invoke.Conversation!.Id!), invoke.ReplyToId);
        var run = await RunWithinBudgetAsync(invoke, submit, channel, serviceUrl);
        if (run is null)
        {
            return InvokeResult(channel.StopCapturing() is { } card ? AdaptiveCardAction.Answer(card) : AdaptiveCardAction.StillWorking());
        }

        return InvokeResult(AdaptiveCardAction.Answer(channel.RefreshedCard));
    }

    /// <summary>
    /// Runs <paramref name="turnActivity"/> detached from the request; returns its result when it finished within the
    /// budget, or null when it is still running (it then finishes out of band).
    /// </summary>
    private async Task<TurnRun?> RunWithinBudgetAsync(Activity received, Activity turnActivity, IActivityChannel channel, Uri serviceUrl)
    {
        var turn = RunDetachedAsync(received, turnActivity, channel, serviceUrl);
        var budget = options.Value.TurnResponseBudget;
        using var budgetTimer = new CancellationTokenSource();
        var expiry = Task.Delay(budget, timeProvider, budgetTimer.Token);
        if (await Task.WhenAny(turn, expiry) == turn)
        {
            await budgetTimer.CancelAsync();
            return await turn;
        }

        BotMessageLog.TurnOverBudget(logger, received.Type, budget.TotalMilliseconds);
        outOfBand.Track(turn);
        return null;
    }

    private async Task<TurnRun> RunDetachedAsync(Activity received, Activity turnActivity, IActivityChannel channel, Uri serviceUrl)
    {
        // Off the request's thread of control: the caller may stop waiting, the turn goes on until the host stops.
        await Task.Yield();
        await using (TypingIndicator.StartFor(connector, serviceUrl, received, timeProvider))
        {
            try
            {
                return new TurnRun(await turnProcessor.ProcessAsync(turnActivity, channel, bot, lifetime.ApplicationStopping), RecipientGone: false);
            }
            catch (ConnectorException exception) when (exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
            {
                // The user blocked or uninstalled the bot, or the bot was removed from the chat: the turn is committed,
                // nobody is there to read a reply, and the channel must not be told to retry.
                BotMessageLog.RecipientGone(logger, (int)exception.StatusCode!.Value, exception.ErrorCode ?? "none");
                return new TurnRun(null, RecipientGone: true);
            }
        }
    }

    private static Uri? ServiceUrlOf(Activity activity) =>
        Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) && serviceUrl.Scheme is "http" or "https" ? serviceUrl : null;

    private static IResult NoServiceUrl() => TypedResults.Problem(
        title: "Malformed activity",
        detail: "The activity needs an absolute http(s) serviceUrl to receive replies, or deliveryMode \"expectReplies\".",
        statusCode: StatusCodes.Status400BadRequest);

    private static IResult InvokeResult(InvokeResponse? response) => response switch
    {
        null => TypedResults.StatusCode(StatusCodes.Status501NotImplemented),
        { Body: { } body } => TypedResults.Json(body, ProtocolJson.Options, statusCode: response.Status),
        _ => TypedResults.StatusCode(response.Status),
    };

    private static IResult Unauthorized() =>
        TypedResults.Problem(title: "Unauthorized", detail: "A valid channel token is required.", statusCode: StatusCodes.Status401Unauthorized);

    private sealed record TurnRun(TurnOutcome? Outcome, bool RecipientGone);
}
