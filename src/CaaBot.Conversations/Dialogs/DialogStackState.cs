namespace CaaBot.Conversations.Dialogs;

/// <summary>The stored shape of a dialog stack (the conversation's, or a component dialog's inner one).</summary>
internal sealed record DialogStackState(List<DialogInstance> Stack);
