namespace CaaBot.Conversations.Tests.Fixtures;

/// <summary>The typed state of <see cref="OnboardingDialog"/>.</summary>
public sealed record OnboardingState(string? Name, int? DeviceCount)
{
    public static OnboardingState Empty { get; } = new(null, null);
}
