using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>A prompt's stored state: its options, failed attempts so far, and the id that marks its cards.</summary>
internal sealed record PromptState(PromptOptions Options, int Attempts, string InstanceId)
{
    /// <summary>
    /// Read back without the prompt's cards, which <see cref="PromptOptions.CardSource"/> rebuilds when the prompt is
    /// shown again.
    /// </summary>
    public bool PromptCardsOmitted { get; init; }

    /// <summary>Read back without the retry prompt's cards, which are the prompt's own (rebuilt the same way).</summary>
    public bool RetryCardsOmitted { get; init; }

    /// <summary>
    /// Serialized with the protocol options because <see cref="PromptOptions"/> carries activities. A retry prompt that
    /// shows the prompt's own cards with another text (a step card, "did that help?") is stored without them and a
    /// <c>retryReusesPromptAttachments</c> flag: the card was the largest part of a conversation's state, twice. With a
    /// <see cref="PromptOptions.CardSource"/> the prompt's cards are not stored at all (<c>cardsFromSource</c>).
    /// States written before either flag existed (cards inline) read as they were written.
    /// </summary>
    public static JsonTypeInfo<PromptState> TypeInfo { get; } = JsonMetadataServices.CreateValueInfo<PromptState>(ProtocolJson.Options, new StoredFormConverter());

    private sealed record StoredForm(PromptOptions Options, int Attempts, string InstanceId, bool? RetryReusesPromptAttachments, bool? CardsFromSource);

    private sealed class StoredFormConverter : JsonConverter<PromptState>
    {
        private static readonly JsonTypeInfo<StoredForm> StoredTypeInfo = (JsonTypeInfo<StoredForm>)ProtocolJson.Options.GetTypeInfo(typeof(StoredForm));

        public override PromptState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var stored = JsonSerializer.Deserialize(ref reader, StoredTypeInfo) ?? throw new JsonException("A prompt's state is null.");
            var promptOptions = stored.Options;
            var fromSource = stored.CardsFromSource == true;
            var retryReuses = stored.RetryReusesPromptAttachments == true && promptOptions.RetryPrompt is not null;
            if (retryReuses && !fromSource)
            {
                promptOptions = promptOptions with { RetryPrompt = promptOptions.RetryPrompt! with { Attachments = promptOptions.Prompt.Attachments } };
            }

            return new PromptState(promptOptions, stored.Attempts, stored.InstanceId)
            {
                PromptCardsOmitted = fromSource,
                RetryCardsOmitted = fromSource && retryReuses,
            };
        }

        public override void Write(Utf8JsonWriter writer, PromptState value, JsonSerializerOptions options)
        {
            var promptOptions = value.Options;
            var fromSource = value.PromptCardsOmitted;
            var retryReuses = value.RetryCardsOmitted;
            if (!fromSource && promptOptions.CardSource is not null && promptOptions.Prompt.Attachments is { Count: > 0 })
            {
                fromSource = true;
                promptOptions = promptOptions with { Prompt = promptOptions.Prompt with { Attachments = null } };
            }

            if (value.Options.RetryPrompt is { Attachments: { Count: > 0 } retryAttachments } retry && SameAttachments(retryAttachments, value.Options.Prompt.Attachments))
            {
                promptOptions = promptOptions with { RetryPrompt = retry with { Attachments = null } };
                retryReuses = true;
            }

            JsonSerializer.Serialize(writer, new StoredForm(promptOptions, value.Attempts, value.InstanceId, retryReuses ? true : null, fromSource ? true : null), StoredTypeInfo);
        }

        // The usual case is `card with { Text = … }`, which shares the list; equal records count too.
        private static bool SameAttachments(IReadOnlyList<Attachment> retry, IReadOnlyList<Attachment>? prompt) =>
            prompt is not null && (ReferenceEquals(retry, prompt) || retry.SequenceEqual(prompt));
    }
}
