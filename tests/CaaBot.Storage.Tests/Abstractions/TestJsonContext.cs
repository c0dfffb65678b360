using System.Text.Json.Serialization;

namespace CaaBot.Storage.Tests.Abstractions;

public sealed record CounterState(int Count, string Note);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CounterState))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
