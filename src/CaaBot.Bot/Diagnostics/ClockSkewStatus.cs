namespace CaaBot.Bot.Diagnostics;

/// <summary>What <see cref="ClockSkewCheck"/> could tell about the user's clock.</summary>
public enum ClockSkewStatus
{
    /// <summary>The channel sent no <c>localTimestamp</c>: nothing to compare.</summary>
    Unknown,

    /// <summary>Within <see cref="ClockSkewCheck.Tolerance"/> of the server's clock.</summary>
    InSync,

    /// <summary>Further off than <see cref="ClockSkewCheck.Tolerance"/>; worth fixing before anything else.</summary>
    Skewed,
}
