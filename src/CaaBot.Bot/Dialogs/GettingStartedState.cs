namespace CaaBot.Bot.Dialogs;

/// <summary>What <see cref="GettingStartedDialog"/> has learnt so far.</summary>
public sealed record GettingStartedState(string? Name = null, int? DeviceCount = null);
