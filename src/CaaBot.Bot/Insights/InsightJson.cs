using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Bot.Insights;

/// <summary>Source-generated JSON for insight events (camelCase, enums as names, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InsightEvent))]
internal sealed partial class InsightJson : JsonSerializerContext;
