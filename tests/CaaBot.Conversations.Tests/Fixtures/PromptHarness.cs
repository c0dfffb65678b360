using System.Globalization;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>A one-question waterfall: asks with <c>prompt</c>, then reports the typed outcome as "got: …" or "gave up after N".</summary>
public sealed class PromptHarness<T> : WaterfallDialog<PromptHarness<T>.Nothing>
{
    private readonly Prompt<T> _prompt;
    private readonly PromptOptions _options;
    private readonly Func<T, string> _describe;

    public PromptHarness(Prompt<T> prompt, PromptOptions options, Func<T, string>? describe = null)
        : base("harness", new Nothing())
    {
        _prompt = AddDialog(prompt);
        _options = options;
        _describe = describe ?? (value => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null");
    }

    protected override IReadOnlyList<WaterfallStep<Nothing>> Steps => [AskStepAsync, ReportStepAsync];

    private Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<Nothing> step, CancellationToken cancellationToken) =>
        step.PromptAsync(_prompt, _options, cancellationToken);

    private async Task<DialogTurnResult> ReportStepAsync(WaterfallStepContext<Nothing> step, CancellationToken cancellationToken)
    {
        var result = step.ResultOf(_prompt);
        await step.Context.SendActivityAsync(
            result.TryGetValue(out var value) ? $"got: {_describe(value)}" : $"gave up after {result.Attempts}", cancellationToken);
        return await step.EndDialogAsync(cancellationToken);
    }

    public sealed record Nothing;
}
