namespace CaaBot.Conversations.Prompts;

/// <summary>A prompt's stored state: its options, failed attempts so far, and the id that marks its cards.</summary>
internal sealed record PromptState(PromptOptions Options, int Attempts, string InstanceId);
