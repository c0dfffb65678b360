using CaaBot.Protocol.Schema;

namespace CaaBot.Conversations.Prompts;

/// <summary>
/// Rebuilds a prompt's cards from its <see cref="PromptOptions.CardSource"/> when the prompt is shown again; null when
/// they can no longer be rebuilt (the content is gone, or the reference is of a version the renderer no longer reads).
/// </summary>
public delegate IReadOnlyList<Attachment>? PromptCardRenderer(PromptCardSource source);
