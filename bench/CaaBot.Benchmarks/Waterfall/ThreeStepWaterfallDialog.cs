using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;

namespace CaaBot.Benchmarks.Waterfall;

/// <summary>
/// The benchmark flow, the same as the botbuilder-js peer's: a text prompt for the name, a number prompt for the
/// device count, then a summary. Written the way CaaBot's own dialogs are (typed state, named steps).
/// </summary>
public sealed class ThreeStepWaterfallDialog : WaterfallDialog<ThreeStepWaterfallState>
{
    private readonly TextPrompt _namePrompt;
    private readonly NumberPrompt<int> _countPrompt;

    public ThreeStepWaterfallDialog()
        : base("benchmark.waterfall", new ThreeStepWaterfallState())
    {
        _namePrompt = AddDialog(new TextPrompt("benchmark.name"));
        _countPrompt = AddDialog(new NumberPrompt<int>("benchmark.count"));
    }

    protected override IReadOnlyList<WaterfallStep<ThreeStepWaterfallState>> Steps =>
    [
        AskNameStepAsync,
        AskCountStepAsync,
        SummarizeStepAsync,
    ];

    private Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<ThreeStepWaterfallState> step, CancellationToken cancellationToken) =>
        step.PromptAsync(_namePrompt, PromptOptions.FromText(ThreeStepWaterfallText.NamePrompt), cancellationToken);

    private Task<DialogTurnResult> AskCountStepAsync(WaterfallStepContext<ThreeStepWaterfallState> step, CancellationToken cancellationToken)
    {
        step.State = step.State with { Name = step.ResultOf(_namePrompt).Value };
        return step.PromptAsync(_countPrompt, PromptOptions.FromText(ThreeStepWaterfallText.CountPrompt), cancellationToken);
    }

    private async Task<DialogTurnResult> SummarizeStepAsync(WaterfallStepContext<ThreeStepWaterfallState> step, CancellationToken cancellationToken)
    {
        var summary = ThreeStepWaterfallText.Summary(step.State.Name ?? "there", step.ResultOf(_countPrompt).Value);
        await step.Context.SendActivityAsync(MessageFactory.Text(summary), cancellationToken);
        return await step.EndDialogAsync(cancellationToken);
    }
}
