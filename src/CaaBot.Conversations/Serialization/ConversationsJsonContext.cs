using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.State;

namespace CaaBot.Conversations.Serialization;

/// <summary>Source-generated JSON for the engine's own stored shapes (state documents, dialog stack, prompt state).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StateDocument))]
[JsonSerializable(typeof(DialogStackState))]
[JsonSerializable(typeof(WaterfallProgress))]
[JsonSerializable(typeof(PromptState))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;
