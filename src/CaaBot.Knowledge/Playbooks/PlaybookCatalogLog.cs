using Microsoft.Extensions.Logging;

namespace CaaBot.Knowledge.Playbooks;

/// <summary>Log messages of <see cref="PlaybookCatalog"/>. Event ids 4000–4099.</summary>
internal static partial class PlaybookCatalogLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Loaded {Count} playbooks from {Folder}: snapshot {Version}, {Errors} errors, {Warnings} warnings")]
    public static partial void Loaded(ILogger logger, int count, string folder, long version, int errors, int warnings);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Playbook error: {Diagnostic}")]
    public static partial void DiagnosticError(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Playbook warning: {Diagnostic}")]
    public static partial void DiagnosticWarning(ILogger logger, string diagnostic);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Playbook {Id} has errors; still serving its last good revision {Revision}")]
    public static partial void KeptLastGood(ILogger logger, string id, string revision);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Playbook {Id} has errors and its last good revision clashes with another playbook's code or alias; it is unavailable until fixed")]
    public static partial void DroppedLastGood(ILogger logger, string id);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Cannot watch {Folder} for changes ({Reason}); relying on polling")]
    public static partial void WatchFailed(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Error, Message = "Reloading playbooks from {Folder} failed")]
    public static partial void ReloadFailed(ILogger logger, string folder, Exception exception);
}
