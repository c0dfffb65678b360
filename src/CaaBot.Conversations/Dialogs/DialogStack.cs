using System.Text.Json;
using CaaBot.Conversations.Serialization;
using CaaBot.Conversations.State;

namespace CaaBot.Conversations.Dialogs;

/// <summary>Where the dialog stack lives in conversation state.</summary>
internal static class DialogStack
{
    public const string PropertyName = "caabot.dialogStack";

    public static List<DialogInstance> Read(ConversationState state)
    {
        if (!state.TryGetValue(PropertyName, out var json))
        {
            return [];
        }

        try
        {
            return json.Deserialize(ConversationsJsonContext.Default.DialogStackState)?.Stack
                ?? throw new DialogStateMismatchException("the stored dialog stack is null");
        }
        catch (JsonException exception)
        {
            throw new DialogStateMismatchException("the stored dialog stack could not be read", exception);
        }
    }

    public static void Write(ConversationState state, List<DialogInstance> stack)
    {
        if (stack.Count == 0)
        {
            Clear(state);
            return;
        }

        state.SetValue(PropertyName, JsonSerializer.SerializeToElement(new DialogStackState(stack), ConversationsJsonContext.Default.DialogStackState));
    }

    public static void Clear(ConversationState state) => state.RemoveValue(PropertyName);
}
