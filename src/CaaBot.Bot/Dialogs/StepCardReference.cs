using System.Text.Json.Serialization.Metadata;
using CaaBot.Conversations.Prompts;
using CaaBot.Conversations.Serialization;

namespace CaaBot.Bot.Dialogs;

/// <summary>
/// What the step prompt stores instead of its step card (about 100 bytes instead of 3 KB): the card is rebuilt from
/// the playbook revision the user is on. A new shape of this record needs a new <see cref="Version"/>.
/// </summary>
internal sealed record StepCardReference(string PlaybookId, string Revision, string StepId, int Number, int Total)
{
    public const string Kind = "guidedFix.stepCard";
    public const int Version = 1;

    private static JsonTypeInfo<StepCardReference> TypeInfo { get; } = DialogStateJson.TypeInfo<StepCardReference>();

    public PromptCardSource ToCardSource() => PromptCardSource.Create(Kind, Version, this, TypeInfo);

    public static StepCardReference? From(PromptCardSource source) => source.ReadData(Kind, Version, TypeInfo);
}
