using CaaBot.Conversations.Prompts;
using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Bot.Guides;

/// <summary>How platforms are offered as choices and named in messages and tickets.</summary>
public static class PlatformNames
{
    private static readonly (PlaybookPlatform Platform, string Choice, string[] Synonyms)[] All =
    [
        (PlaybookPlatform.Windows, "Windows PC", ["windows", "pc", "my pc", "work pc", "win", "win10", "win11", "windows laptop", "desktop"]),
        (PlaybookPlatform.MacOS, "Mac", ["mac", "macbook", "macos", "imac", "apple laptop", "osx"]),
        (PlaybookPlatform.Web, "Web browser", ["web", "browser", "teams on the web", "chrome", "edge", "firefox", "safari"]),
        (PlaybookPlatform.IOS, "iPhone or iPad", ["iphone", "ipad", "ios", "apple phone"]),
        (PlaybookPlatform.Android, "Android phone", ["android", "android phone", "samsung", "pixel"]),
    ];

    /// <summary>The choices for "where does it happen?", limited to <paramref name="platforms"/> when given.</summary>
    public static IReadOnlyList<Choice> Choices(IEnumerable<PlaybookPlatform>? platforms = null)
    {
        var offered = platforms?.ToHashSet();
        return [.. All.Where(entry => offered is null || offered.Contains(entry.Platform)).Select(entry => new Choice(entry.Choice, entry.Synonyms))];
    }

    public static PlaybookPlatform FromChoice(string choice) =>
        All.First(entry => string.Equals(entry.Choice, choice, StringComparison.Ordinal)).Platform;

    /// <summary>"Windows PC", "Mac"…; "not said" when unknown.</summary>
    public static string Describe(PlaybookPlatform? platform) =>
        platform is { } known ? All.First(entry => entry.Platform == known).Choice : "not said";
}
