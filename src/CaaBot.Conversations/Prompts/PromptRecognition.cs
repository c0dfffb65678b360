namespace CaaBot.Conversations.Prompts;

/// <summary>What a prompt understood from one activity.</summary>
public readonly record struct PromptRecognition<T>(bool Succeeded, T? Value)
{
    public static PromptRecognition<T> NotRecognized => default;

    public static PromptRecognition<T> Recognized(T value) => new(true, value);
}
