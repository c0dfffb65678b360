using System.Text;
using System.Text.RegularExpressions;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>The words and shapes the playbook format accepts (see <c>playbooks/README.md</c>).</summary>
internal static partial class PlaybookVocabulary
{
    public static readonly string[] EscalationGroups = ["identity", "endpoint", "network", "licensing", "service"];

    public static readonly string[] Priorities = ["low", "normal", "high"];

    public const string PlatformNames = "windows, macos, web, ios, android";

    public const string PerformerNames = "user, local-admin, tenant-admin";

    public static bool TryParsePlatform(string text, out PlaybookPlatform platform)
    {
        (var ok, platform) = text.Trim().ToLowerInvariant() switch
        {
            "windows" => (true, PlaybookPlatform.Windows),
            "macos" => (true, PlaybookPlatform.MacOS),
            "web" => (true, PlaybookPlatform.Web),
            "ios" => (true, PlaybookPlatform.IOS),
            "android" => (true, PlaybookPlatform.Android),
            _ => (false, default),
        };
        return ok;
    }

    public const string CheckNames = "clock";

    public static bool TryParseCheck(string text, out PlaybookCheck check)
    {
        (var ok, check) = text.Trim().ToLowerInvariant() switch
        {
            "clock" => (true, PlaybookCheck.Clock),
            _ => (false, default),
        };
        return ok;
    }

    public static bool TryParsePerformer(string text, out StepPerformer performer)
    {
        (var ok, performer) = text.Trim().ToLowerInvariant() switch
        {
            "user" => (true, StepPerformer.User),
            "local-admin" => (true, StepPerformer.LocalAdmin),
            "tenant-admin" => (true, StepPerformer.TenantAdmin),
            _ => (false, default),
        };
        return ok;
    }

    /// <summary><c>0xCAA…</c> and <c>0x8…</c> with 8 hex digits, or <c>AADSTS</c> and digits.</summary>
    public static bool IsValidCode(string code) => CodePattern().IsMatch(code);

    public static bool IsValidId(string id) => IdPattern().IsMatch(id);

    /// <summary>A stable step id from a title: lower case ASCII letters and digits joined by single dashes.</summary>
    public static string Slug(string title)
    {
        var builder = new StringBuilder(title.Length);
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark
                && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().TrimEnd('-');
    }

    [GeneratedRegex(@"^(0x(CAA[0-9A-F]{5}|8[0-9A-F]{7})|AADSTS[0-9]{2,})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
