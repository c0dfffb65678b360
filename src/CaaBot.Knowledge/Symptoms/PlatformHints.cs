using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Knowledge.Symptoms;

/// <summary>Reads the platform from the user's words when exactly one is named ("on my macbook", "in chrome").</summary>
public static class PlatformHints
{
    private static readonly Dictionary<string, PlaybookPlatform> Words = new(StringComparer.Ordinal)
    {
        ["windows"] = PlaybookPlatform.Windows, ["win10"] = PlaybookPlatform.Windows, ["win11"] = PlaybookPlatform.Windows,
        ["mac"] = PlaybookPlatform.MacOS, ["macbook"] = PlaybookPlatform.MacOS, ["macos"] = PlaybookPlatform.MacOS,
        ["imac"] = PlaybookPlatform.MacOS, ["osx"] = PlaybookPlatform.MacOS,
        ["iphone"] = PlaybookPlatform.IOS, ["ipad"] = PlaybookPlatform.IOS, ["ios"] = PlaybookPlatform.IOS,
        ["android"] = PlaybookPlatform.Android, ["samsung"] = PlaybookPlatform.Android, ["pixel"] = PlaybookPlatform.Android,
        ["browser"] = PlaybookPlatform.Web, ["chrome"] = PlaybookPlatform.Web, ["firefox"] = PlaybookPlatform.Web,
    };

    /// <summary>The one platform named in <paramref name="text"/>, or null when none or several are.</summary>
    public static PlaybookPlatform? Infer(string text)
    {
        var named = SymptomText.Words(text).Where(Words.ContainsKey).Select(w => Words[w]).Distinct().ToList();
        return named.Count == 1 ? named[0] : null;
    }
}
