using System.Text.Json;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.State;
using CaaBot.Conversations.Telemetry;
using CaaBot.Protocol.Schema;
using CaaBot.Storage.Abstractions;
using Microsoft.Extensions.Logging;
using ActivityKind = System.Diagnostics.ActivityKind;
using ActivityStatusCode = System.Diagnostics.ActivityStatusCode;
using TagList = System.Diagnostics.TagList;

namespace CaaBot.Conversations.Turns;

/// <summary>
/// Runs one incoming activity as a transaction: load conversation and user state, run middleware and bot,
/// commit the state with ETag preconditions, and only then deliver what the bot sent.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Turns of one conversation are serialized in this process by a per-conversation lock, and across processes by
/// a lease in the store when <see cref="TurnProcessorOptions.CrossInstanceTurnLease"/> is set; should two turns still
/// meet, the ETag check detects the lost race and the turn is re-run on fresh state (its buffered sends are
/// discarded, so nothing is sent twice).</item>
/// <item>The ids of recently processed activities are committed with the conversation state, so a redelivered
/// activity is skipped (<see cref="TurnOutcome.WasDuplicate"/>). Activities without an id are never deduplicated.</item>
/// <item>A crash or cancellation before the commit leaves the previous state untouched and sends nothing; the next
/// message simply continues from there.</item>
/// <item>A failing bot is rolled back, logged with the correlation id, its dialog stack reset (committed), and the
/// <see cref="ITurnErrorHandler"/> tells the user.</item>
/// <item>User state is committed after conversation state; if another conversation of the same person changed it
/// meanwhile, this turn's changed properties are re-applied on the fresh copy (last writer wins per property).</item>
/// </list>
/// </remarks>
public sealed class TurnProcessor
{
    private readonly IDocumentStore _store;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TurnProcessorOptions _options;
    private readonly MiddlewareSet _middleware;
    private readonly ITurnErrorHandler _errorHandler;
    private readonly KeyedAsyncLock _conversationLocks = new();
    private readonly ConversationTurnLease? _lease;

    public TurnProcessor(
        IDocumentStore store,
        ILogger<TurnProcessor> logger,
        TimeProvider timeProvider,
        TurnProcessorOptions options,
        IEnumerable<IMiddleware> middleware,
        ITurnErrorHandler errorHandler)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(middleware);
        ArgumentNullException.ThrowIfNull(errorHandler);
        options.Validate();
        (_store, _logger, _timeProvider, _options, _errorHandler) = (store, logger, timeProvider, options, errorHandler);
        _middleware = new MiddlewareSet(middleware);
        _lease = options.CrossInstanceTurnLease is { } lifetime ? new ConversationTurnLease(store, timeProvider, lifetime) : null;
    }

    /// <summary>Conversations that currently have a turn running or waiting (idle ones hold no lock).</summary>
    internal int BusyConversationCount => _conversationLocks.ActiveKeyCount;

    public async Task<TurnOutcome> ProcessAsync(Activity incoming, IActivityChannel channel, IBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(bot);

        // One span per turn; its tags are as bounded as the metrics' (no ids, no text), the correlation id links it to the logs.
        using var span = CaaBotTelemetry.ActivitySource.StartActivity("caabot.turn", ActivityKind.Internal);
        var tags = new TagList { { "caabot.channel", incoming.ChannelId ?? "unknown" }, { "caabot.activity_type", incoming.Type } };
        var keys = new TurnKeys(StateKeys.ForConversation(incoming), await _options.UserStateKeys.ResolveAsync(incoming, cancellationToken));
        var correlationId = _options.CreateCorrelationId();
        span?.SetTag("caabot.channel", incoming.ChannelId ?? "unknown");
        span?.SetTag("caabot.activity_type", incoming.Type);
        span?.SetTag("caabot.correlation_id", correlationId);
        using var conversationLock = await _conversationLocks.AcquireAsync(keys.Conversation, cancellationToken);
        await using var lease = _lease is null ? null : await _lease.AcquireAsync(keys.Conversation, cancellationToken);

        var started = _timeProvider.GetTimestamp();
        var result = await RunTransactionAsync(
            incoming, channel, correlationId, keys, resetDialogStack: false,
            (turn, token) => _middleware.RunAsync(turn, bot.OnTurnAsync, token), cancellationToken);
        if (result.Failure is { } failure)
        {
            TurnProcessorLog.TurnFailed(_logger, failure, correlationId, keys.Conversation);
            CaaBotTelemetry.TurnErrors.Add(1, tags);
            span?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            result = await RunTransactionAsync(
                incoming, channel, correlationId, keys, resetDialogStack: true,
                // Through the middleware too, so transcripts and other observers see the error turn; if a middleware is
                // what keeps failing, the last-resort reset below still runs without it.
                (turn, token) => _middleware.RunAsync(turn, (errorTurn, errorToken) => _errorHandler.OnTurnErrorAsync(errorTurn, failure, errorToken), token),
                cancellationToken);
            if (result.Failure is { } handlerFailure)
            {
                // Last resort so that a poisoned dialog stack cannot fail every following turn too.
                TurnProcessorLog.ErrorHandlerFailed(_logger, handlerFailure, correlationId, keys.Conversation);
                result = await RunTransactionAsync(
                    incoming, channel, correlationId, keys, resetDialogStack: true, static (_, _) => Task.CompletedTask, cancellationToken);
                if (result.Failure is { } storageFailure)
                {
                    throw new InvalidOperationException($"Turn {correlationId} could not be committed, not even as an error turn.", storageFailure);
                }
            }
        }

        span?.SetTag("caabot.duplicate", result.WasDuplicate);
        if (!result.WasDuplicate)
        {
            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            TurnProcessorLog.TurnCompleted(_logger, correlationId, keys.Conversation, incoming.Type, elapsed, result.Attempts);
            CaaBotTelemetry.Turns.Add(1, tags);
            CaaBotTelemetry.TurnDuration.Record(elapsed, tags);
        }

        return new TurnOutcome(result.InvokeResponse ?? FallbackInvokeResponse(incoming, result), result.WasDuplicate);
    }

    private static InvokeResponse? FallbackInvokeResponse(Activity incoming, TransactionResult result) =>
        incoming.Type == ActivityTypes.Invoke && result.FailedBefore ? new InvokeResponse(500) : null;

    private async Task<TransactionResult> RunTransactionAsync(
        Activity incoming,
        IActivityChannel channel,
        string correlationId,
        TurnKeys keys,
        bool resetDialogStack,
        Func<TurnContext, CancellationToken, Task> body,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var conversation = await LoadConversationStateAsync(keys.Conversation, cancellationToken);
            if (incoming.Id is { Length: > 0 } activityId && conversation.HasProcessed(activityId))
            {
                TurnProcessorLog.DuplicateSkipped(_logger, correlationId, activityId, keys.Conversation);
                return TransactionResult.Duplicate(attempt);
            }

            var turn = new TurnContext(incoming, correlationId, channel);
            turn.TurnState.Set(conversation);
            turn.TurnState.Set(await LoadUserStateAsync(keys.User, cancellationToken));
            if (resetDialogStack)
            {
                DialogStack.Clear(conversation);
            }

            try
            {
                await body(turn, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                TurnProcessorLog.TurnCancelled(_logger, correlationId, keys.Conversation);
                throw;
            }
#pragma warning disable CA1031 // Any failure of the bot becomes an error turn; it must never escape as a stuck conversation.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                return TransactionResult.Failed(exception, attempt, resetDialogStack);
            }

            try
            {
                if (incoming.Id is { Length: > 0 } processedId)
                {
                    conversation.MarkProcessed(processedId, _options.ProcessedActivityIdsToKeep);
                    await conversation.SaveAsync(_store, cancellationToken);
                }
                else if (conversation.HasChanges)
                {
                    await conversation.SaveAsync(_store, cancellationToken);
                }
            }
            catch (ConcurrencyConflictException) when (attempt < _options.MaxAttempts)
            {
                TurnProcessorLog.ConflictRetry(_logger, correlationId, keys.Conversation, attempt);
                continue;
            }
            catch (ConcurrencyConflictException exception)
            {
                TurnProcessorLog.AttemptsExhausted(_logger, correlationId, keys.Conversation, attempt);
                return TransactionResult.Failed(exception, attempt, resetDialogStack);
            }

            // The conversation is committed: from here on nothing may make the turn run again.
            await SaveUserStateAsync(turn.TurnState.GetRequired<UserState>(), correlationId, cancellationToken);
            IReadOnlyList<Activity> delivered;
            try
            {
                delivered = await turn.FlushAsync(cancellationToken);
            }
            catch (Exception exception)
            {
                TurnProcessorLog.DeliveryFailed(_logger, exception, correlationId, keys.Conversation);
                throw;
            }

            await turn.TurnState.GetRequired<TurnDelivery>().NotifyAsync(
                delivered, exception => TurnProcessorLog.DeliveryObserverFailed(_logger, exception, correlationId, keys.Conversation), cancellationToken);

            return TransactionResult.Committed(turn.InvokeResponse, attempt, resetDialogStack);
        }
    }

    private async Task SaveUserStateAsync(UserState user, string correlationId, CancellationToken cancellationToken)
    {
        if (!user.HasChanges || user.StorageKey is null)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await user.SaveAsync(_store, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < _options.MaxAttempts)
            {
                user.RebaseOnto(await _store.ReadAsync(user.StorageKey, cancellationToken));
            }
            catch (ConcurrencyConflictException)
            {
                TurnProcessorLog.UserStateChangesDropped(_logger, correlationId, user.StorageKey);
                return;
            }
        }
    }

    private async Task<ConversationState> LoadConversationStateAsync(string key, CancellationToken cancellationToken)
    {
        var stored = await _store.ReadAsync(key, cancellationToken);
        return new ConversationState(key, ParseOrStartAfresh(stored), stored?.ETag);
    }

    private async Task<UserState> LoadUserStateAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null)
        {
            return new UserState(null, new StateDocument(), null);
        }

        var stored = await _store.ReadAsync(key, cancellationToken);
        return new UserState(key, ParseOrStartAfresh(stored), stored?.ETag);
    }

    /// <summary>An unreadable document is replaced (keeping its ETag for the write) rather than failing every turn.</summary>
    private StateDocument ParseOrStartAfresh(StoredDocument? stored)
    {
        if (stored is null)
        {
            return new StateDocument();
        }

        try
        {
            return StateDocument.Parse(stored.Content);
        }
        catch (JsonException exception)
        {
            TurnProcessorLog.UnreadableStateDocument(_logger, exception, stored.Key);
            return new StateDocument();
        }
    }

    private readonly record struct TurnKeys(string Conversation, string? User);

    private sealed record TransactionResult(InvokeResponse? InvokeResponse, bool WasDuplicate, Exception? Failure, int Attempts, bool FailedBefore)
    {
        public static TransactionResult Duplicate(int attempts) => new(null, true, null, attempts, false);

        public static TransactionResult Failed(Exception failure, int attempts, bool failedBefore) => new(null, false, failure, attempts, failedBefore);

        public static TransactionResult Committed(InvokeResponse? invokeResponse, int attempts, bool failedBefore) =>
            new(invokeResponse, false, null, attempts, failedBefore);
    }
}
