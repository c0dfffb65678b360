namespace CaaBot.Bot.Cards;

/// <summary>The <c>action</c> values the support cards put in their <c>Action.Submit</c> data.</summary>
public static class SupportCardActions
{
    public const string Fixed = "fixed";
    public const string Next = "next";
    public const string Skip = "skip";
    public const string Back = "back";
    public const string Agent = "agent";
    public const string Choose = "choose";
    public const string NoneOfThese = "none";
    public const string Send = "send";
    public const string NotNow = "notNow";
    public const string Rate = "rate";
    public const string Yes = "yes";
    public const string NotYet = "notYet";

    /// <summary>On the next-day check: the fix still holds.</summary>
    public const string FixHeld = "fixHeld";

    /// <summary>On the next-day check: the problem is back.</summary>
    public const string FixBroke = "fixBroke";
}
