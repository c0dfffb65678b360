using System.Text.Json.Serialization;

namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>Source-generated JSON for the test state types.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(OnboardingState))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class TestJson : JsonSerializerContext;
