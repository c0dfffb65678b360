using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.Serialization;

/// <summary>
/// The default options for a dialog's own state record. Deliberately strict: a stored record that lacks a
/// constructor parameter, or carries a member the deployed record no longer has, fails to read, which the engine
/// treats as "the dialog changed shape" and restarts cleanly instead of running on half-understood state.
/// </summary>
public static class DialogStateJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The strict type info for <typeparamref name="T"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectRequiredConstructorParameters = true,
            RespectNullableAnnotations = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
