using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Conversations.Dialogs;
using CaaBot.Conversations.State;

namespace CaaBot.Conversations.Serialization;

/// <summary>
/// Source-generated JSON for the engine's own stored shapes (state documents, dialog stack, waterfall position).
/// Prompt state holds protocol activities, which go through <see cref="Protocol.ProtocolJson"/> instead: the schema
/// records' init-only extension data cannot be bound by the source generator.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StateDocument))]
[JsonSerializable(typeof(DialogStackState))]
[JsonSerializable(typeof(WaterfallProgress))]
internal sealed partial class ConversationsJsonContext : JsonSerializerContext;
