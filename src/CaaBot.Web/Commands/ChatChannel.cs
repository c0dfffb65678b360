using System.Globalization;
using System.Text.Json;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Commands;

/// <summary>
/// Prints what the bot sends as plain text: message text as-is, suggested actions and card buttons as one
/// numbered list per turn (<see cref="Choices"/>), cards as their words. Typing indicators are not shown.
/// </summary>
internal sealed class ChatChannel(TextWriter output) : IActivityChannel
{
    private readonly List<ChatChoice> _choices = [];
    private int _sent;

    /// <summary>The options the bot offered since <see cref="ClearChoices"/>, numbered from 1.</summary>
    public IReadOnlyList<ChatChoice> Choices => _choices;

    public void ClearChoices() => _choices.Clear();

    public async Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await WriteAsync(activity, "bot", cancellationToken);
        return new ResourceResponse(activity.Id ?? string.Create(CultureInfo.InvariantCulture, $"terminal-{++_sent}"));
    }

    public async Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        await WriteAsync(activity, "bot (edited)", cancellationToken);
        return new ResourceResponse(activity.Id);
    }

    public Task DeleteAsync(Activity activityToDelete, CancellationToken cancellationToken) =>
        output.WriteLineAsync("(the bot deleted a message)".AsMemory(), cancellationToken);

    private async Task WriteAsync(Activity activity, string speaker, CancellationToken cancellationToken)
    {
        var lines = activity.Type switch
        {
            ActivityTypes.Message => RenderMessage(activity, speaker),
            ActivityTypes.EndOfConversation => [$"({speaker} ended the conversation)"],
            _ => [], // typing, trace, events: nothing a reader needs to see
        };
        foreach (var line in lines)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    private List<string> RenderMessage(Activity activity, string speaker)
    {
        var lines = new List<string>();
        var prefix = speaker + ": ";
        var textLines = string.IsNullOrEmpty(activity.Text) ? [] : activity.Text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < textLines.Length; i++)
        {
            lines.Add((i == 0 ? prefix : new string(' ', prefix.Length)) + textLines[i]);
        }

        foreach (var attachment in activity.Attachments ?? [])
        {
            if (lines.Count == 0)
            {
                lines.Add(speaker + ":");
            }

            if (attachment.ContentType == ContentTypes.AdaptiveCard && attachment.Content is { ValueKind: JsonValueKind.Object } card)
            {
                AdaptiveCardText.Render(card, lines, _choices);
            }
            else
            {
                lines.Add($"  [attachment: {attachment.Name ?? attachment.ContentType}{(attachment.ContentUrl is { } url ? " " + url : string.Empty)}]");
            }
        }

        foreach (var action in activity.SuggestedActions?.Actions ?? [])
        {
            var title = action.Title ?? action.Value?.ToString() ?? string.Empty;
            // imBack and postBack post a string value back as text; messageBack sends its text and value.
            _choices.Add(action.Value is { ValueKind: JsonValueKind.String } text && action.Type != ActionTypes.MessageBack
                ? new ChatChoice(title, text.GetString(), null, [], IsCardSubmit: false)
                : new ChatChoice(title, action.Text ?? action.DisplayText, action.Value, [], IsCardSubmit: false));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {_choices.Count}. {title}"));
        }

        return lines;
    }
}
