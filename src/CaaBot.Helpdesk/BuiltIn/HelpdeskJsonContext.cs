using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.Helpdesk.Outbox;
using CaaBot.Helpdesk.Tickets;

namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>How the built-in queue stores its documents: camelCase, enums as strings, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Ticket))]
[JsonSerializable(typeof(RequestIndexDocument))]
[JsonSerializable(typeof(TicketCounterDocument))]
[JsonSerializable(typeof(TicketCreatedEntry))]
[JsonSerializable(typeof(OutboxEntry))]
[JsonSerializable(typeof(OutboxIndexEntry))]
internal sealed partial class HelpdeskJsonContext : JsonSerializerContext;
