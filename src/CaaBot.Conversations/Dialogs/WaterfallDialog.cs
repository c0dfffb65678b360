using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CaaBot.Conversations.Serialization;

namespace CaaBot.Conversations.Dialogs;

/// <summary>
/// A sequence of steps sharing one typed state record. Subclasses list their steps, in order, in
/// <see cref="Steps"/>; each step reads and replaces <c>step.State</c> (<c>step.State = step.State with { … }</c>)
/// and usually ends by prompting, whose typed answer the next step reads with <c>step.ResultOf(prompt)</c>.
/// The dialog finishes with its final state as its result.
/// </summary>
/// <remarks>
/// The stored position is the step's method name, so inserting, removing or reordering steps is noticed: a stored
/// conversation whose step no longer exists restarts with an apology. So does one whose state record no longer
/// reads (by default strictly, see <see cref="DialogStateJson"/>), or whose <see cref="Dialog.Version"/> changed.
/// </remarks>
public abstract class WaterfallDialog<TState> : Dialog<TState>
    where TState : class
{
    private readonly TState _initialState;
    private readonly JsonTypeInfo<TState> _stateTypeInfo;
    private readonly List<Dialog> _dependencies = [];
    private readonly Lazy<StepPlan> _plan;

    /// <param name="id">Stable id stored on the dialog stack.</param>
    /// <param name="initialState">State when begun without one (a parent may pass a prefilled <typeparamref name="TState"/> as options).</param>
    /// <param name="stateTypeInfo">How <typeparamref name="TState"/> is stored; defaults to the strict <see cref="DialogStateJson"/>.</param>
    protected WaterfallDialog(string id, TState initialState, JsonTypeInfo<TState>? stateTypeInfo = null)
        : base(id)
    {
        ArgumentNullException.ThrowIfNull(initialState);
        _initialState = initialState;
        _stateTypeInfo = stateTypeInfo ?? DialogStateJson.TypeInfo<TState>();
        _plan = new Lazy<StepPlan>(BuildPlan);
    }

    public override IEnumerable<Dialog> Dependencies => _dependencies;

    /// <summary>The steps, in order. Read once.</summary>
    protected abstract IReadOnlyList<WaterfallStep<TState>> Steps { get; }

    /// <summary>Declares a prompt or child dialog the steps start, so it is registered with this waterfall.</summary>
    protected TDialog AddDialog<TDialog>(TDialog dialog)
        where TDialog : Dialog
    {
        ArgumentNullException.ThrowIfNull(dialog);
        _dependencies.Add(dialog);
        return dialog;
    }

    protected internal override Task<DialogTurnResult> BeginDialogAsync(DialogContext dialogContext, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        return RunStepAsync(dialogContext, dialogContext.ActiveInstance, 0, options as TState ?? _initialState, null, cancellationToken);
    }

    protected internal override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dialogContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        return RunNextStepAsync(dialogContext, null, cancellationToken);
    }

    protected internal override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dialogContext, DialogResult childResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialogContext);
        return RunNextStepAsync(dialogContext, childResult, cancellationToken);
    }

    internal override void ValidateStoredState(DialogInstance instance)
    {
        var (index, state) = ReadProgress(instance);
        instance.KeepValidated(new ValidatedProgress(index, state));
    }

    internal async Task<DialogTurnResult> RunStepAsync(
        DialogContext dialogContext, DialogInstance instance, int index, TState state, DialogResult? childResult, CancellationToken cancellationToken)
    {
        var plan = _plan.Value;
        if (index >= plan.Steps.Length)
        {
            return await dialogContext.EndActiveDialogAsync(state, cancellationToken);
        }

        var step = new WaterfallStepContext<TState>(this, dialogContext, instance, index, plan.Names[index], state, childResult);
        Save(instance, plan.Names[index], state);
        return await plan.Steps[index](step, cancellationToken);
    }

    internal void Save(DialogInstance instance, string stepName, TState state) =>
        instance.State = WaterfallProgress.ToUtf8Bytes(stepName, state, _stateTypeInfo);

    private Task<DialogTurnResult> RunNextStepAsync(DialogContext dialogContext, DialogResult? childResult, CancellationToken cancellationToken)
    {
        var instance = dialogContext.ActiveInstance;
        var (index, state) = ReadProgress(instance);
        return RunStepAsync(dialogContext, instance, index + 1, state, childResult, cancellationToken);
    }

    private (int Index, TState State) ReadProgress(DialogInstance instance)
    {
        if (instance.TakeValidated<ValidatedProgress>() is { } validated)
        {
            return (validated.Index, validated.State);
        }

        if (instance.State is not { } json)
        {
            throw new DialogStateMismatchException($"dialog '{Id}' has no stored state");
        }

        WaterfallProgress progress;
        try
        {
            progress = WaterfallProgress.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new DialogStateMismatchException($"the state of dialog '{Id}' no longer reads as a waterfall position", exception);
        }

        if (!_plan.Value.IndexByName.TryGetValue(progress.Step, out var index))
        {
            throw new DialogStateMismatchException($"waterfall '{Id}' no longer has the step '{progress.Step}'");
        }

        try
        {
            var state = JsonSerializer.Deserialize(progress.Values.Span, _stateTypeInfo)
                ?? throw new DialogStateMismatchException($"waterfall '{Id}' stored null state");
            return (index, state);
        }
        catch (JsonException exception)
        {
            throw new DialogStateMismatchException($"the state of waterfall '{Id}' no longer reads as {typeof(TState).Name}", exception);
        }
    }

    private StepPlan BuildPlan()
    {
        var steps = Steps;
        if (steps.Count == 0)
        {
            throw new InvalidOperationException($"Waterfall '{Id}' has no steps.");
        }

        var names = steps.Select(step => step.Method.Name).ToArray();
        var indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (!indexByName.TryAdd(names[i], i))
            {
                throw new InvalidOperationException($"Waterfall '{Id}' lists the step '{names[i]}' twice; each step must be its own method.");
            }
        }

        return new StepPlan([.. steps], names, indexByName);
    }

    /// <summary>What validating the stored position read, kept for the same turn's first read.</summary>
    private sealed record ValidatedProgress(int Index, TState State);

    private sealed record StepPlan(WaterfallStep<TState>[] Steps, string[] Names, Dictionary<string, int> IndexByName);
}
