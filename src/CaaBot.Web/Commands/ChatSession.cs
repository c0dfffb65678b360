using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CaaBot.Conversations.Turns;
using CaaBot.Protocol.Schema;

namespace CaaBot.Web.Commands;

/// <summary>
/// One terminal conversation with the bot: each line read becomes a message activity run through the real
/// <see cref="TurnProcessor"/>; the replies are printed by a <see cref="ChatChannel"/>. Reads and writes only
/// the given reader and writer, so tests script it.
/// </summary>
internal sealed class ChatSession(
    TurnProcessor processor,
    IBot bot,
    TimeProvider timeProvider,
    ChatOptions options,
    string storageDescription,
    TextReader input,
    TextWriter output,
    bool interactive)
{
    public const string ChannelId = "terminal";

    private const string Help = """
        Type a message and press Enter to send it to the bot.
        Type the number (or the text) of an option to pick it; card buttons ask for the card's inputs first.
        /restart  start a new conversation
        /help     show this text
        /quit     leave (Ctrl+D does too)
        """;

    private static readonly ChannelAccount Bot = new() { Id = "caabot", Name = "CaaBot", Role = RoleTypes.Bot };

    private readonly ChatChannel _channel = new(output);
    private string _conversationId = options.ConversationId ?? NewConversationId();

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await WriteLineAsync($"CaaBot chat: {storageDescription}. Type /help for commands, /quit to leave.", cancellationToken);
        await WriteLineAsync($"Conversation: {_conversationId} (user: {options.UserId})", cancellationToken);
        if (options.ConversationId is null)
        {
            await StartConversationAsync(cancellationToken);
        }

        while (await ReadLineAsync("> ", cancellationToken) is { } line)
        {
            var text = line.Trim();
            switch (text)
            {
                case "":
                    await WriteLineAsync("(Type a message, the number of an option, or /help.)", cancellationToken);
                    break;
                case "/quit" or "/exit":
                    return await QuitAsync(cancellationToken);
                case "/help" or "/?":
                    await WriteLineAsync(Help, cancellationToken);
                    break;
                case "/restart":
                    _conversationId = NewConversationId();
                    await WriteLineAsync($"Conversation: {_conversationId} (user: {options.UserId})", cancellationToken);
                    await StartConversationAsync(cancellationToken);
                    break;
                case ['/', ..]:
                    await WriteLineAsync($"Unknown command {text.Split(' ')[0]}. Type /help for the commands.", cancellationToken);
                    break;
                default:
                    if (FindChoice(text) is { } choice)
                    {
                        if (await ChoiceActivityAsync(choice, cancellationToken) is not { } picked)
                        {
                            return await QuitAsync(cancellationToken); // end of input while asking for a card's inputs
                        }

                        await RunTurnAsync(picked, cancellationToken);
                    }
                    else
                    {
                        await RunTurnAsync(NewActivity(ActivityTypes.Message) with { Text = text }, cancellationToken);
                    }

                    break;
            }
        }

        return await QuitAsync(cancellationToken);
    }

    private async Task<int> QuitAsync(CancellationToken cancellationToken)
    {
        await WriteLineAsync(
            options.InMemory ? "Bye." : $"Bye. To continue this conversation: chat --conversation {_conversationId}",
            cancellationToken);
        return 0;
    }

    /// <summary>What channels send when a chat opens, so the bot greets as it would in Teams or the Emulator.</summary>
    private Task StartConversationAsync(CancellationToken cancellationToken) =>
        RunTurnAsync(
            NewActivity(ActivityTypes.ConversationUpdate) with { MembersAdded = [Bot, new ChannelAccount { Id = options.UserId, Name = options.UserId }] },
            cancellationToken);

    private async Task RunTurnAsync(Activity activity, CancellationToken cancellationToken)
    {
        _channel.ClearChoices();
        await processor.ProcessAsync(activity, _channel, bot, cancellationToken);
    }

    /// <summary>A number picks that option; otherwise text equal to an option's title (any case) does.</summary>
    private ChatChoice? FindChoice(string text)
    {
        var choices = _channel.Choices;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= choices.Count)
        {
            return choices[number - 1];
        }

        return choices.FirstOrDefault(choice => string.Equals(choice.Title, text, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<Activity?> ChoiceActivityAsync(ChatChoice choice, CancellationToken cancellationToken)
    {
        if (!choice.IsCardSubmit)
        {
            return NewActivity(ActivityTypes.Message) with { Text = choice.Text, Value = choice.Data };
        }

        // A card submit carries the action's data with every input of the card merged in, and no text.
        var value = choice.Data is { ValueKind: JsonValueKind.Object } data ? JsonNode.Parse(data.GetRawText())!.AsObject() : [];
        foreach (var cardInput in choice.Inputs)
        {
            if (await AskForInputAsync(cardInput, cancellationToken) is not { } answer)
            {
                return null;
            }

            if (answer.Length > 0)
            {
                value[cardInput.Id] = answer;
            }
        }

        return NewActivity(ActivityTypes.Message) with { Value = JsonSerializer.SerializeToElement(value) };
    }

    /// <summary>The value to submit for one input ("" to leave it out), or null at the end of input.</summary>
    private async Task<string?> AskForInputAsync(CardInput cardInput, CancellationToken cancellationToken)
    {
        for (var i = 0; i < cardInput.Choices.Count && cardInput.Type == "Input.ChoiceSet"; i++)
        {
            await WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"    {i + 1}) {cardInput.Choices[i].Key}"), cancellationToken);
        }

        var hint = cardInput.Type switch
        {
            "Input.Toggle" => " (yes/no)",
            "Input.ChoiceSet" when cardInput.IsMultiSelect => " (numbers, comma-separated)",
            "Input.ChoiceSet" => " (number)",
            _ => string.Empty,
        };
        var preset = cardInput.DefaultValue is { Length: > 0 } value ? $" [{value}]" : string.Empty;
        while (true)
        {
            if (await ReadLineAsync($"  {cardInput.Label}{hint}{preset}: ", cancellationToken, echoPrompt: true) is not { } line)
            {
                return null;
            }

            if (line.Trim().Length == 0)
            {
                // An untouched toggle submits its "off" value, as Teams and Web Chat do.
                return cardInput.DefaultValue ?? (cardInput.Type == "Input.Toggle" ? cardInput.Choices[1].Value : string.Empty);
            }

            if (InputValue(cardInput, line.Trim()) is { } answer)
            {
                return answer;
            }

            await WriteLineAsync("  That isn't one of the options; try again, or press Enter to skip.", cancellationToken);
        }
    }

    private static string? InputValue(CardInput cardInput, string answer)
    {
        if (cardInput.Choices.Count == 0)
        {
            return answer;
        }

        var picked = (cardInput.IsMultiSelect ? answer.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [answer])
            .Select(part => int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= cardInput.Choices.Count
                ? cardInput.Choices[n - 1].Value
                : cardInput.Choices.FirstOrDefault(choice => string.Equals(choice.Key, part, StringComparison.OrdinalIgnoreCase)
                    || string.Equals(choice.Value, part, StringComparison.OrdinalIgnoreCase) || (part.Length == 1 && choice.Key.StartsWith(part, StringComparison.OrdinalIgnoreCase))).Value)
            .ToList();
        return picked.Count > 0 && picked.All(value => value is not null) ? string.Join(',', picked) : null;
    }

    private Activity NewActivity(string type)
    {
        var now = timeProvider.GetUtcNow();
        var zone = timeProvider.LocalTimeZone;
        return new Activity
        {
            Type = type,
            // Unique across runs: the processor skips activity ids it has already seen in a conversation.
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = now,
            // The PC's own clock and offset, as Teams sends them; the clock-skew check reads this.
            LocalTimestamp = now.ToOffset(zone.GetUtcOffset(now)),
            LocalTimezone = zone.Id,
            ChannelId = ChannelId,
            From = new ChannelAccount { Id = options.UserId, Name = options.UserId, Role = RoleTypes.User },
            Recipient = Bot,
            Conversation = new ConversationAccount { Id = _conversationId, ConversationType = "personal" },
        };
    }

    private async Task<string?> ReadLineAsync(string prompt, CancellationToken cancellationToken, bool echoPrompt = false)
    {
        // The "> " prompt is only for people at a keyboard; input prompts are printed always so transcripts read.
        if (interactive || echoPrompt)
        {
            await output.WriteAsync(prompt.AsMemory(), cancellationToken);
            await output.FlushAsync(cancellationToken);
        }

        var line = await input.ReadLineAsync(cancellationToken);
        if (!interactive && echoPrompt)
        {
            await output.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        return line;
    }

    private async Task WriteLineAsync(string text, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(text.AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static string NewConversationId() => "terminal-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
}
