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
    /// Serialized with the protocol options because <see cref="PromptOptions"/> carries activities. A retry prompt that
    /// shows the prompt's own cards with another text (a step card, "did that help?") is stored without them and a
    /// <c>retryReusesPromptAttachments</c> flag: the card was the largest part of a conversation's state, twice.
    /// </summary>
    public static JsonTypeInfo<PromptState> TypeInfo { get; } = JsonMetadataServices.CreateValueInfo<PromptState>(ProtocolJson.Options, new StoredFormConverter());

    private sealed record StoredForm(PromptOptions Options, int Attempts, string InstanceId, bool? RetryReusesPromptAttachments);

    private sealed class StoredFormConverter : JsonConverter<PromptState>
    {
        private static readonly JsonTypeInfo<StoredForm> StoredTypeInfo = (JsonTypeInfo<StoredForm>)ProtocolJson.Options.GetTypeInfo(typeof(StoredForm));

        public override PromptState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var stored = JsonSerializer.Deserialize(ref reader, StoredTypeInfo) ?? throw new JsonException("A prompt's state is null.");
            var promptOptions = stored.Options;
            if (stored.RetryReusesPromptAttachments == true && promptOptions.RetryPrompt is { } retry)
            {
                promptOptions = promptOptions with { RetryPrompt = retry with { Attachments = promptOptions.Prompt.Attachments } };
            }

            return new PromptState(promptOptions, stored.Attempts, stored.InstanceId);
        }

        public override void Write(Utf8JsonWriter writer, PromptState value, JsonSerializerOptions options)
        {
            var promptOptions = value.Options;
            bool? reuses = null;
            if (promptOptions.RetryPrompt is { Attachments: { Count: > 0 } retryAttachments } retry && SameAttachments(retryAttachments, promptOptions.Prompt.Attachments))
            {
                promptOptions = promptOptions with { RetryPrompt = retry with { Attachments = null } };
                reuses = true;
            }

            JsonSerializer.Serialize(writer, new StoredForm(promptOptions, value.Attempts, value.InstanceId, reuses), StoredTypeInfo);
        }

        // The usual case is `card with { Text = … }`, which shares the list; equal records count too.
        private static bool SameAttachments(IReadOnlyList<Attachment> retry, IReadOnlyList<Attachment>? prompt) =>
            prompt is not null && (ReferenceEquals(retry, prompt) || retry.SequenceEqual(prompt));
    }
}
