using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Helpdesk.Handoff;

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HandoffSession))]
[JsonSerializable(typeof(HandoffMessage))]
[JsonSerializable(typeof(HandoffFeedEntry))]
[JsonSerializable(typeof(OpenHandoffs))]
[JsonSerializable(typeof(AgentPresenceDocument))]
internal sealed partial class HandoffJsonContext : JsonSerializerContext;
