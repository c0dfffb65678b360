namespace CaaBot.Knowledge.Playbooks;

/// <summary>An automatic check a playbook asks the bot to run before its first step.</summary>
public enum PlaybookCheck
{
    /// <summary>Compare the clock of the device the user chats from with the server's (only when it is the affected device).</summary>
    Clock,
}
