namespace CaaBot.Conversations.Dialogs;

/// <summary>What a <see cref="DialogRunner"/> says and listens for besides its dialogs.</summary>
public sealed record DialogRunnerOptions
{
    /// <summary>Checked in order before the active step runs.</summary>
    public IReadOnlyList<Interruption> Interruptions { get; init; } =
    [
        Interruption.Help("I help you fix Teams sign-in problems step by step. Answer the question below, or say \"start over\" or \"cancel\"."),
        Interruption.Cancel(),
        Interruption.StartOver(),
    ];

    /// <summary>Said when the stored conversation no longer fits the deployed dialogs.</summary>
    public string RestartApology { get; init; } = "Sorry, I was updated while we were talking, so let's start again.";

    /// <summary>Said when a card is clicked although no question is open.</summary>
    public string StaleCardMessage { get; init; } = "That card belongs to a conversation that has already ended, so I've left it alone.";
}
