using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// A compact reference from which a prompt's owner rebuilds the prompt's cards (<see cref="PromptCardRenderer"/>):
/// a prompt started with one stores this instead of its cards, which are usually most of a conversation's state.
/// </summary>
/// <param name="Kind">What the data describes, so a renderer can refuse a reference it does not own.</param>
/// <param name="Version">The shape of <paramref name="Data"/>; a renderer refuses versions it no longer reads.</param>
/// <param name="Data">What the renderer needs, e.g. the playbook revision and step id a step card shows.</param>
public sealed record PromptCardSource(string Kind, int Version, JsonElement Data)
{
    public static PromptCardSource Create<T>(string kind, int version, T data, JsonTypeInfo<T> typeInfo) =>
        new(kind, version, JsonSerializer.SerializeToElement(data, typeInfo));

    /// <summary>The data when this is a <paramref name="kind"/> reference of <paramref name="version"/>, else null.</summary>
    public T? ReadData<T>(string kind, int version, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        if (!string.Equals(Kind, kind, StringComparison.Ordinal) || Version != version)
        {
            return null;
        }

        try
        {
            return Data.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
