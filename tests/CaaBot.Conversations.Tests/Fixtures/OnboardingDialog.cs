using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Turns;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>Asks the user's name (unless known) and how many devices they use, then sums up.</summary>
public sealed class OnboardingDialog : WaterfallDialog<OnboardingState>
{
    private readonly TextPrompt _namePrompt;
    private readonly NumberPrompt<int> _deviceCountPrompt;
    private readonly string _version;

    public OnboardingDialog(OnboardingState? initialState = null, string version = "1")
        : base("onboarding", initialState ?? OnboardingState.Empty)
    {
        _version = version;
        _namePrompt = AddDialog(new TextPrompt("onboarding.name"));
        _deviceCountPrompt = AddDialog(new NumberPrompt<int>("onboarding.deviceCount", ValidateDeviceCount));
    }

    public override string Version => _version;

    protected override IReadOnlyList<WaterfallStep<OnboardingState>> Steps =>
    [
        AskNameStepAsync,
        AskDeviceCountStepAsync,
        SummarizeStepAsync,
    ];

    public static PromptValidation ValidateDeviceCount(int count) =>
        count is >= 1 and <= 20 ? PromptValidation.Valid : PromptValidation.Invalid("Please give a number of devices between 1 and 20.");

    private async Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken) =>
        step.State.Name is not null
            ? await step.NextAsync(cancellationToken)
            : await step.PromptAsync(_namePrompt, PromptOptions.FromText("What's your name?"), cancellationToken);

    private async Task<DialogTurnResult> AskDeviceCountStepAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken)
    {
        if (step.TryGetResultOf(_namePrompt, out var name))
        {
            step.State = step.State with { Name = name.Value };
        }

        return await step.PromptAsync(
            _deviceCountPrompt,
            PromptOptions.FromText($"Thanks {step.State.Name}. How many devices do you use Teams on?", "How many devices? A number, please."),
            cancellationToken);
    }

    private async Task<DialogTurnResult> SummarizeStepAsync(WaterfallStepContext<OnboardingState> step, CancellationToken cancellationToken)
    {
        var count = step.ResultOf(_deviceCountPrompt);
        if (count.GaveUp)
        {
            await step.Context.SendActivityAsync("Let me find a person to help you.", cancellationToken);
            return await step.EndDialogAsync(cancellationToken);
        }

        step.State = step.State with { DeviceCount = count.Value };
        await step.Context.SendActivityAsync($"{step.State.Name} uses {step.State.DeviceCount} device(s).", cancellationToken);
        return await step.EndDialogAsync(cancellationToken);
    }
}
