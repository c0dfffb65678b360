using CaaBot.Conversations.Recognition;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// A phrase the user can say at any point ("help", "cancel", "start over", later "agent") that is handled before
/// the active step sees the message. Phrases match ignoring case, spaces and punctuation.
/// </summary>
/// <remarks>
/// Interruptions are registered with the <see cref="DialogRunner"/> rather than inherited from a base dialog (the
/// SDK's CancelAndHelpDialog): they then apply to every dialog and prompt, however deeply nested, and a dialog does
/// not have to remember to derive from the right base class.
/// </remarks>
public sealed class Interruption
{
    private readonly HashSet<string> _phrases;
    private readonly Func<InterruptionContext, CancellationToken, Task<DialogTurnResult>> _handleAsync;
    private readonly Func<string, bool>? _matchesText;
    private readonly Func<Activity, bool>? _matchesActivity;

    public Interruption(string name, IEnumerable<string> phrases, Func<InterruptionContext, CancellationToken, Task<DialogTurnResult>> handleAsync)
        : this(name, TextNormalizer.ToKeySet(phrases ?? throw new ArgumentNullException(nameof(phrases))), null, handleAsync)
    {
    }

    /// <summary>An interruption recognised by <paramref name="matchesText"/> on the message text (e.g. a pattern) instead of fixed phrases.</summary>
    public Interruption(string name, Func<string, bool> matchesText, Func<InterruptionContext, CancellationToken, Task<DialogTurnResult>> handleAsync)
        : this(name, [], matchesText ?? throw new ArgumentNullException(nameof(matchesText)), handleAsync)
    {
    }

    /// <summary>An interruption recognised by <paramref name="matchesMessage"/> on the whole message (e.g. a file sent without text).</summary>
    public Interruption(string name, Func<Activity, bool> matchesMessage, Func<InterruptionContext, CancellationToken, Task<DialogTurnResult>> handleAsync)
        : this(name, [], null, handleAsync)
    {
        _matchesActivity = matchesMessage ?? throw new ArgumentNullException(nameof(matchesMessage));
    }

    private Interruption(
        string name, HashSet<string> normalizedPhrases, Func<string, bool>? matchesText, Func<InterruptionContext, CancellationToken, Task<DialogTurnResult>> handleAsync)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handleAsync);
        Name = name;
        _phrases = normalizedPhrases;
        _matchesText = matchesText;
        _handleAsync = handleAsync;
    }

    public string Name { get; }

    public bool Matches(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Message)
        {
            return false;
        }

        if (_matchesActivity is not null)
        {
            return _matchesActivity(activity);
        }

        return _matchesText is not null
            ? activity.RemoveRecipientMention() is { Length: > 0 } text && _matchesText(text)
            : _phrases.Contains(TextNormalizer.Normalize(activity.RemoveRecipientMention()));
    }

    /// <summary>"help": answers, then repeats the question the user was on.</summary>
    public static Interruption Help(string helpText) => new(
        "help",
        ["help", "help me", "what can you do", "what can I say", "how does this work"],
        async (context, cancellationToken) =>
        {
            await context.Context.SendActivityAsync(helpText, cancellationToken);
            return await context.RepromptAsync(cancellationToken);
        });

    /// <summary>"cancel": stops whatever is in progress and confirms it.</summary>
    public static Interruption Cancel(string confirmation = "OK, I've stopped. Send me a message whenever you want to start again.") => new(
        "cancel",
        ["cancel", "stop", "quit", "exit", "never mind", "forget it"],
        async (context, cancellationToken) =>
        {
            context.CancelAll();
            await context.Context.SendActivityAsync(confirmation, cancellationToken);
            return DialogTurnResult.Cancelled;
        });

    /// <summary>"start over": begins the root dialog again.</summary>
    public static Interruption StartOver(string announcement = "Sure, let's start again.") => new(
        "startOver",
        ["start over", "restart", "start again", "begin again", "from the top", "reset"],
        async (context, cancellationToken) =>
        {
            await context.Context.SendActivityAsync(announcement, cancellationToken);
            return await context.RestartAsync(cancellationToken);
        });

    internal Task<DialogTurnResult> HandleAsync(InterruptionContext context, CancellationToken cancellationToken) => _handleAsync(context, cancellationToken);
}
