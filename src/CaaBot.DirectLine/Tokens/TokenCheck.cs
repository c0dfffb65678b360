namespace CaaBot.DirectLine.Tokens;

/// <summary>The outcome of reading a token: its status and, when genuine, what it says.</summary>
public sealed record TokenCheck(TokenCheckStatus Status, DirectLineToken? Token)
{
    public static TokenCheck Invalid { get; } = new(TokenCheckStatus.Invalid, null);
}
