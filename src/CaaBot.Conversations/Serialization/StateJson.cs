using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.Serialization;

/// <summary>Type metadata for state values described by plain <see cref="JsonSerializerOptions"/>.</summary>
internal static class StateJson
{
    /// <summary>
    /// The type info for <typeparamref name="T"/>. Options created with <c>new JsonSerializerOptions(…)</c> have no
    /// resolver until first used by the serializer; such options are copied with the reflection resolver added rather
    /// than locked as a side effect.
    /// </summary>
    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options)
    {
        var usable = options.TypeInfoResolver is null ? new JsonSerializerOptions(options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() } : options;
        return (JsonTypeInfo<T>)usable.GetTypeInfo(typeof(T));
    }
}
