using System.Text.Json;
using CaaBot.Protocol.Schema;

namespace CaaBot.Bot.Support;

/// <summary>
/// Picks the files out of a user's message: a screenshot uploaded in the web chat, an image pasted in Teams, a file
/// shared from OneDrive. Cards and Teams' HTML copy of the message text are not files.
/// </summary>
public static class SharedFiles
{
    /// <summary>A case keeps at most this many files; later ones are acknowledged but not kept.</summary>
    public const int MaxPerCase = 10;

    private const string TeamsFileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";
    private const int MaxNameLength = 255;
    private const int MaxUrlLength = 2_048;

    public static IReadOnlyList<CaseAttachment> In(Activity activity, DateTimeOffset sharedAt)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (activity.Type != ActivityTypes.Message || activity.Attachments is not { Count: > 0 } attachments)
        {
            return [];
        }

        var files = new List<CaseAttachment>();
        foreach (var attachment in attachments)
        {
            if (attachment?.ContentType is not { Length: > 0 } contentType
                || contentType.StartsWith("application/vnd.microsoft.card.", StringComparison.OrdinalIgnoreCase)
                || contentType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Address(attachment, contentType) is { } url)
            {
                var name = attachment.Name is { Length: > 0 } given ? given.Trim() : "file";
                files.Add(new CaseAttachment(name.Length > MaxNameLength ? name[..MaxNameLength] : name, contentType, url, sharedAt));
            }
        }

        return files;
    }

    /// <summary>Where the bytes are: the attachment's link, or for a Teams file the download link in its content.</summary>
    private static string? Address(Attachment attachment, string contentType)
    {
        var url = attachment.ContentUrl;
        if (contentType.Equals(TeamsFileDownloadInfo, StringComparison.OrdinalIgnoreCase)
            && attachment.Content is { ValueKind: JsonValueKind.Object } content
            && content.TryGetProperty("downloadUrl", out var download)
            && download.ValueKind == JsonValueKind.String)
        {
            url = download.GetString();
        }

        return url is { Length: > 0 and <= MaxUrlLength }
            && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
            ? url
            : null;
    }
}
