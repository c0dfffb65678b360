using System.ComponentModel.DataAnnotations;

namespace CaaBot.Web.Configuration;

/// <summary>The <c>CaaBot</c> configuration section (environment: <c>CaaBot__Name</c>).</summary>
public sealed class CaaBotOptions
{
    public const string SectionName = "CaaBot";

    /// <summary>Folder for the SQLite database and other local data; created when missing.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Where state and streams live.</summary>
    public StorageProvider Storage { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// Accept unauthenticated channel traffic although the app is not in Development. Only honoured
    /// while no <c>MicrosoftAppId</c> is configured; meant for local tools such as the Agents Playground.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Largest accepted request body on <c>/api/messages</c>, in bytes.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// How long a request to <c>/api/messages</c> waits for its turn before answering the channel and letting the turn
    /// finish out of band (its replies go through the Connector either way). Azure Bot Service gives up after about
    /// 15 s, so the default leaves room.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:14")]
    public TimeSpan TurnResponseBudget { get; set; } = TimeSpan.FromSeconds(10);
}
