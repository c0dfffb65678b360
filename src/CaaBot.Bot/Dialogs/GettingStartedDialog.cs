using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// The first conversation the host runs until the troubleshooting flow lands: asks the user's name and
/// on how many devices they use Teams, then sums up. Three steps, a text and a number prompt.
/// </summary>
public sealed class GettingStartedDialog : WaterfallDialog<GettingStartedState>
{
    public const string DialogId = "gettingStarted";

    private readonly TextPrompt _namePrompt;
    private readonly NumberPrompt<int> _deviceCountPrompt;

    public GettingStartedDialog()
        : base(DialogId, new GettingStartedState())
    {
        _namePrompt = AddDialog(new TextPrompt("gettingStarted.name", IsPlausibleName));
        _deviceCountPrompt = AddDialog(new NumberPrompt<int>("gettingStarted.deviceCount", IsPlausibleDeviceCount));
    }

    protected override IReadOnlyList<WaterfallStep<GettingStartedState>> Steps =>
    [
        AskNameStepAsync,
        AskDeviceCountStepAsync,
        SummarizeStepAsync,
    ];

    private Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<GettingStartedState> step, CancellationToken cancellationToken) =>
        step.State.Name is not null
            ? step.NextAsync(cancellationToken)
            : step.PromptAsync(_namePrompt, PromptOptions.FromText("What's your name?", "Please type the name I should call you."), cancellationToken);

    private Task<DialogTurnResult> AskDeviceCountStepAsync(WaterfallStepContext<GettingStartedState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_namePrompt, out var name))
        {
            step.State = step.State with { Name = name.TryGetValue(out var given) ? MarkdownText.Escape(given.Trim()) : "there" };
        }

        return step.PromptAsync(
            _deviceCountPrompt,
            PromptOptions.FromText($"Thanks, {step.State.Name}. On how many devices do you use Teams?", "Please answer with a number, for example 2."),
            cancellationToken);
    }

    private async Task<DialogTurnResult> SummarizeStepAsync(WaterfallStepContext<GettingStartedState> step, CancellationToken cancellationToken)
    {
        var count = step.ResultOf(_deviceCountPrompt).TryGetValue(out var devices) ? devices : (int?)null;
        step.State = step.State with { DeviceCount = count };
        var summary = count is { } n
            ? $"Got it, {step.State.Name}: {n} {(n == 1 ? "device" : "devices")}. The guided sign-in fixes are coming soon; type anything to start again."
            : $"No problem, {step.State.Name}. The guided sign-in fixes are coming soon; type anything to start again.";
        await step.Context.SendActivityAsync(MessageFactory.Text(summary), cancellationToken);
        return await step.EndDialogAsync(cancellationToken);
    }

    private static PromptValidation IsPlausibleName(string text) =>
        text.Trim().Length is > 0 and <= 100 ? PromptValidation.Valid : PromptValidation.Invalid("A name of up to 100 characters, please.");

    private static PromptValidation IsPlausibleDeviceCount(int count) =>
        count is >= 0 and <= 100 ? PromptValidation.Valid : PromptValidation.Invalid("That doesn't look like a number of devices: between 0 and 100, please.");
}
