using System.Text.Json;

namespace CaaBot.Conversations.Dialogs;

/// <summary>A waterfall's stored position: the step it is in, by name (not index, so reordering is detected), and its state record.</summary>
internal sealed record WaterfallProgress(string Step, JsonElement Values);
