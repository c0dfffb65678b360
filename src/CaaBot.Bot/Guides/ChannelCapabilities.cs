namespace CaaBot.Bot.Guides;

/// <summary>What a channel can do beyond sending messages.</summary>
public static class ChannelCapabilities
{
    // Teams edits messages (PUT); CaaBot's own Direct Line re-sends the same id and Web Chat replaces it; the
    // Emulator and the test channel implement updates too. Azure's hosted Direct Line and Web Chat refuse (405).
    private static readonly HashSet<string> Updatable = new(StringComparer.OrdinalIgnoreCase) { "msteams", "directline", "emulator", "test" };

    public static bool CanUpdateMessages(string? channelId) => channelId is not null && Updatable.Contains(channelId);
}
