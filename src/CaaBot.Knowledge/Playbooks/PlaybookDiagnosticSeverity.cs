namespace CaaBot.Knowledge.Playbooks;

/// <summary>How bad a playbook problem is.</summary>
public enum PlaybookDiagnosticSeverity
{
    /// <summary>The bot can use the file, but something looks unintended (an unknown key, a missing step for a platform).</summary>
    Warning,

    /// <summary>The file (or the playbook that uses it) is not loaded.</summary>
    Error,
}
