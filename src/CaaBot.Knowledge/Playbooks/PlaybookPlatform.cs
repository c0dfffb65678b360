namespace CaaBot.Knowledge.Playbooks;

/// <summary>Where Teams runs when the error appears.</summary>
public enum PlaybookPlatform
{
    Windows,
    MacOS,
    Web,
    IOS,
    Android,
}
