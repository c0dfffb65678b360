namespace CaaBot.Knowledge.Playbooks;

/// <summary>Who can carry out a step.</summary>
public enum StepPerformer
{
    /// <summary>The employee, without special rights.</summary>
    User,

    /// <summary>Someone with local administrator rights on the PC (often the helpdesk, remotely).</summary>
    LocalAdmin,

    /// <summary>A Microsoft 365 / Entra administrator: never offered to the user, listed in the ticket instead.</summary>
    TenantAdmin,
}
