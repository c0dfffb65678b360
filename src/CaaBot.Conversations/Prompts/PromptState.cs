using System.Text.Json.Serialization.Metadata;
using CaaBot.Protocol;

namespace CaaBot.Conversations.Prompts;

/// <summary>A prompt's stored state: its options, failed attempts so far, and the id that marks its cards.</summary>
internal sealed record PromptState(PromptOptions Options, int Attempts, string InstanceId)
{
    /// <summary>Serialized with the protocol options because <see cref="PromptOptions"/> carries activities.</summary>
    public static JsonTypeInfo<PromptState> TypeInfo { get; } = (JsonTypeInfo<PromptState>)ProtocolJson.Options.GetTypeInfo(typeof(PromptState));
}
