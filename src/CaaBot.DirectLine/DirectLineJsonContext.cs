using System.Text.Json;
using System.Text.Json.Serialization;
using CaaBot.DirectLine.Conversations;
using CaaBot.DirectLine.Tokens;
using CaaBot.DirectLine.Uploads;

namespace CaaBot.DirectLine;

/// <summary>Source-generated metadata for what this project stores (activities use <c>ProtocolJson.Options</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenPayload))]
[JsonSerializable(typeof(ConversationRecord))]
[JsonSerializable(typeof(UploadedFile))]
internal sealed partial class DirectLineJsonContext : JsonSerializerContext;
