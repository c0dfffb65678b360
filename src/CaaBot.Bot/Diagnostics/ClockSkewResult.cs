namespace CaaBot.Bot.Diagnostics;

/// <summary>The outcome of a <see cref="ClockSkewCheck"/>.</summary>
/// <param name="Status">Unknown, in sync or skewed.</param>
/// <param name="Difference">Client minus server: negative when the user's clock is behind; null when unknown.</param>
/// <param name="Description">For <see cref="ClockSkewStatus.Skewed"/>, a sentence for the user ("Your PC's clock is 7 minutes behind."); otherwise null.</param>
public sealed record ClockSkewResult(ClockSkewStatus Status, TimeSpan? Difference, string? Description)
{
    public static ClockSkewResult Unknown { get; } = new(ClockSkewStatus.Unknown, null, null);
}
