namespace CaaBot.Knowledge.Playbooks;

/// <summary>Where the catalog reads playbooks and how it notices edits (configuration section <c>CaaBot:Knowledge</c>).</summary>
public sealed class PlaybookCatalogOptions
{
    public const string SectionName = "CaaBot:Knowledge";

    /// <summary>The shipped playbooks, copied next to the app by the build.</summary>
    public static string ShippedFolder => Path.Combine(AppContext.BaseDirectory, "playbooks");

    /// <summary>The folder to load; an admin points this at their own folder.</summary>
    public string PlaybookFolder { get; set; } = ShippedFolder;

    /// <summary>Watch the folder and reload on change, without a restart.</summary>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>Quiet time after the last file event before reloading: editors save in several writes.</summary>
    public TimeSpan ReloadDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often to compare file sizes and times as a fallback, for file systems whose change events are
    /// unreliable (network shares, some container mounts). Zero turns polling off.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a replaced playbook revision stays reachable for conversations that started on it.</summary>
    public TimeSpan RevisionRetention { get; set; } = TimeSpan.FromHours(24);
}
