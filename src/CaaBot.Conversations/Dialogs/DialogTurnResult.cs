namespace CaaBot.Conversations.Dialogs;

/// <summary>The outcome of beginning, continuing or resuming a dialog.</summary>
/// <param name="Status">Where the stack stands.</param>
/// <param name="Result">The result of the dialog that completed, when <paramref name="Status"/> is Complete.</param>
public sealed record DialogTurnResult(DialogTurnStatus Status, DialogResult? Result = null)
{
    public static DialogTurnResult Waiting { get; } = new(DialogTurnStatus.Waiting);

    public static DialogTurnResult Empty { get; } = new(DialogTurnStatus.Empty);

    public static DialogTurnResult Cancelled { get; } = new(DialogTurnStatus.Cancelled);
}
