using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>How incident documents and stream entries are stored: camelCase, enums as strings, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IncidentCodeState))]
[JsonSerializable(typeof(IncidentTicketIndex))]
[JsonSerializable(typeof(IncidentReport))]
internal sealed partial class IncidentJsonContext : JsonSerializerContext;
