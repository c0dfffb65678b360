using System.Text.Json.Serialization;

namespace CaaBot.Web.HelpdeskConsole.Authentication;

/// <summary>The data-protection key ring as one stored document: each key's XML, oldest first.</summary>
public sealed record StoredKeyRing(IReadOnlyList<string> Keys);

[JsonSerializable(typeof(StoredKeyRing))]
internal sealed partial class StoredKeyRingJsonContext : JsonSerializerContext;
