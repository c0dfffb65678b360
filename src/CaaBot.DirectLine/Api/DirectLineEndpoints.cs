using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Identity;
using CaaBot.DirectLine.Tokens;
using CaaBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaaBot.DirectLine.Api;

/// <summary>The token and conversation endpoints of Direct Line 3.0 (activities, uploads and the stream have their own classes).</summary>
public sealed class DirectLineEndpoints(
    DirectLineTokenService tokens,
    DirectLineConversations conversations,
    DirectLineIdentityResolver identities,
    IDirectLineBotGateway gateway,
    IOptions<DirectLineOptions> options,
    ILogger<DirectLineEndpoints> logger)
{
    private const int MaxParametersBytes = 8 * 1024;

    internal DirectLineTokenService Tokens => tokens;

    internal DirectLineConversations Conversations => conversations;

    internal IDirectLineBotGateway Gateway => gateway;

    internal DirectLineOptions Options => options.Value;

    internal ILogger Logger => logger;

    /// <summary><c>POST /tokens/generate</c>: a token for a new conversation, for a user the server decides.</summary>
    public async Task<IResult> GenerateTokenAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (parameters, problem) = await JsonBody.ReadAsync<TokenParameters>(context.Request, MaxParametersBytes, optional: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var identity = await IdentifyAsync(context, parameters, cancellationToken);
        if (identity is null)
        {
            DirectLineLog.Refused(logger, context.Request.Path, "no secret, id token, trusted header or anonymous access");
            return DirectLineHttp.Unauthorized();
        }

        var conversationId = DirectLineConversations.NewConversationId();
        var (token, _) = tokens.IssueConversationToken(conversationId, identity.UserId, identity.UserName);
        DirectLineLog.TokenIssued(logger, conversationId, identity.Source.ToString());
        return TypedResults.Ok(new ConversationResponse(conversationId, token, ExpiresIn(), UserId: identity.UserId));
    }

    /// <summary><c>POST /tokens/refresh</c>: the same conversation and user, a new expiry; only while unexpired.</summary>
    public IResult RefreshToken(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (claims, problem) = DirectLineHttp.Authorize(context, DirectLineHttp.Bearer(context.Request), DirectLineTokenKind.Conversation, null, tokens, logger);
        if (claims is null)
        {
            return problem!;
        }

        var (token, _) = tokens.IssueConversationToken(claims.ConversationId, claims.UserId, claims.UserName);
        return TypedResults.Ok(new ConversationResponse(claims.ConversationId, token, ExpiresIn(), UserId: claims.UserId));
    }

    /// <summary>
    /// <c>POST /conversations</c>: with a token, starts its conversation (201, the bot hears a conversationUpdate) or
    /// finds it started (200); with the secret, starts a new one. Answers a fresh token and a streamUrl that replays
    /// the whole history.
    /// </summary>
    public async Task<IResult> StartConversationAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (parameters, problem) = await JsonBody.ReadAsync<TokenParameters>(context.Request, MaxParametersBytes, optional: true, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        DirectLineToken claims;
        var bearer = DirectLineHttp.Bearer(context.Request);
        if (identities.IsSecret(bearer))
        {
            var identity = DirectLineIdentityResolver.FromSecret(parameters?.User?.Id, parameters?.User?.Name);
            claims = tokens.IssueConversationToken(DirectLineConversations.NewConversationId(), identity.UserId, identity.UserName).Claims;
        }
        else
        {
            var (checkedClaims, refused) = DirectLineHttp.Authorize(context, bearer, DirectLineTokenKind.Conversation, null, tokens, logger);
            if (checkedClaims is null)
            {
                return refused!;
            }

            claims = checkedClaims;
        }

        var (record, created) = await conversations.StartAsync(claims.ConversationId, claims.UserId, claims.UserName, cancellationToken);
        if (!string.Equals(record.UserId, claims.UserId, StringComparison.Ordinal))
        {
            return DirectLineHttp.Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is not valid for this conversation.");
        }

        if (created)
        {
            DirectLineLog.ConversationStarted(logger, record.ConversationId);
            try
            {
                await gateway.ProcessAsync(conversations.ConversationUpdate(record, DirectLineHttp.ServiceUrl(context.Request, Options)), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The conversation exists either way; a failing welcome must not keep the user out.
                DirectLineLog.BotFailed(logger, exception, record.ConversationId);
            }
        }

        var response = ConversationFor(context.Request, claims, watermark: null);
        return created
            ? TypedResults.Created((string?)null, response)
            : TypedResults.Ok(response);
    }

    /// <summary><c>GET /conversations/{id}?watermark=</c>: reconnect, with a fresh token and a streamUrl that resumes after the watermark.</summary>
    public async Task<IResult> ReconnectAsync(HttpContext context, string conversationId, string? watermark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (claims, problem) = DirectLineHttp.Authorize(context, DirectLineHttp.Bearer(context.Request), DirectLineTokenKind.Conversation, conversationId, tokens, logger);
        if (claims is null)
        {
            return problem!;
        }

        var (record, missing) = await DirectLineHttp.FindConversationAsync(conversations, claims, cancellationToken);
        if (record is null)
        {
            return missing!;
        }

        // No watermark: only what arrives from now on, as the Direct Line service does.
        var resumeAfter = string.IsNullOrEmpty(watermark)
            ? await conversations.GetWatermarkAsync(conversationId, cancellationToken)
            : DirectLineHttp.ParseWatermark(watermark);
        return TypedResults.Ok(ConversationFor(context.Request, claims, resumeAfter));
    }

    internal async Task<DirectLineIdentity?> IdentifyAsync(HttpContext context, TokenParameters? parameters, CancellationToken cancellationToken)
    {
        var bearer = DirectLineHttp.Bearer(context.Request);
        return identities.IsSecret(bearer)
            ? DirectLineIdentityResolver.FromSecret(parameters?.User?.Id, parameters?.User?.Name)
            : await identities.ResolveAsync(context.Request, bearer, cancellationToken);
    }

    internal int ExpiresIn() => (int)tokens.Lifetime.TotalSeconds;

    private ConversationResponse ConversationFor(HttpRequest request, DirectLineToken claims, long? watermark)
    {
        var (token, fresh) = tokens.IssueConversationToken(claims.ConversationId, claims.UserId, claims.UserName);
        var streamUrl = DirectLineHttp.StreamUrl(request, Options, claims.ConversationId, tokens.IssueStreamToken(fresh), watermark);
        return new ConversationResponse(claims.ConversationId, token, ExpiresIn(), streamUrl, claims.UserId);
    }
}
