using System.Security.Cryptography;
using System.Text;

namespace CaaBot.Bot.Insights;

/// <summary>
/// The key that groups one case's insight events: a one-way hash of the case id, so the insight stream cannot be
/// joined back to a user's state or to the turn logs (the case id holds a turn's correlation id).
/// </summary>
public static class InsightCaseKey
{
    public static string For(string caseId)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("caabot-insights:" + caseId)).AsSpan(0, 12));
    }
}
