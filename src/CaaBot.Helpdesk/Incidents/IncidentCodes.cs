using System.Globalization;

namespace CaaBot.Helpdesk.Incidents;

/// <summary>Error codes as incidents group them: <c>0xcaa20003</c> and <c>0xCAA20003</c> are one incident.</summary>
public static class IncidentCodes
{
    public const int MaxLength = 64;

    /// <summary>Upper-case letters and digits of <paramref name="errorCode"/>, or null when nothing usable is left (no incident then).</summary>
    public static string? Normalize(string? errorCode)
    {
        if (string.IsNullOrWhiteSpace(errorCode))
        {
            return null;
        }

        var kept = new string([.. errorCode.Where(char.IsAsciiLetterOrDigit).Take(MaxLength)]).ToUpper(CultureInfo.InvariantCulture);
        return kept.Length == 0 ? null : kept;
    }
}
