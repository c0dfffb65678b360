using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CaaBot.Web.Teams;

/// <summary>
/// Builds the Teams app package: the manifest template (<c>manifest/manifest.template.json</c>, embedded in the app)
/// with the bot id and the organisation's details filled in as JSON values, plus the generated icons, zipped the way
/// Teams expects (all three files at the root of the archive).
/// </summary>
public static partial class TeamsAppPackage
{
    public const string ManifestFileName = "manifest.json";
    public const string ColorIconFileName = "color.png";
    public const string OutlineIconFileName = "outline.png";

    /// <summary>The manifest template as shipped.</summary>
    public static JsonObject Template()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CaaBot.Web.Teams.manifest.template.json")
            ?? throw new InvalidOperationException("The manifest template is not embedded in the app.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    /// <summary>The template with <paramref name="options"/> filled in; throws <see cref="ArgumentException"/> for values Teams would refuse.</summary>
    public static JsonObject FillManifest(JsonObject template, TeamsAppPackageOptions options)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BotAppId == Guid.Empty)
        {
            throw new ArgumentException("The bot's app id must not be the empty GUID.", nameof(options));
        }

        var manifest = template.DeepClone().AsObject();
        manifest["id"] = (options.TeamsAppId ?? options.BotAppId).ToString("D");
        var bot = manifest["bots"]?.AsArray().FirstOrDefault()?.AsObject() ?? throw new ArgumentException("The template declares no bot.", nameof(template));
        bot["botId"] = options.BotAppId.ToString("D");

        if (options.Version is { } version)
        {
            manifest["version"] = SemanticVersion().IsMatch(version) ? version : throw new ArgumentException($"'{version}' is not a version like 1.2.3.", nameof(options));
        }

        var developer = manifest["developer"]!.AsObject();
        if (options.DeveloperName is { } developerName)
        {
            developer["name"] = developerName is { Length: > 0 and <= 32 } ? developerName : throw new ArgumentException("The developer name must be 1 to 32 characters.", nameof(options));
        }

        SetHttpsUrl(developer, "websiteUrl", options.WebsiteUrl);
        SetHttpsUrl(developer, "privacyUrl", options.PrivacyUrl);
        SetHttpsUrl(developer, "termsOfUseUrl", options.TermsOfUseUrl);

        if (options.ValidDomains.Count > 0)
        {
            var domains = new JsonArray();
            foreach (var domain in options.ValidDomains)
            {
                domains.Add(Uri.CheckHostName(domain) == UriHostNameType.Dns ? domain : throw new ArgumentException($"'{domain}' is not a host name.", nameof(options)));
            }

            manifest["validDomains"] = domains;
        }

        return manifest;
    }

    /// <summary>Writes the zip (manifest and both icons at its root) to <paramref name="output"/>.</summary>
    public static void Write(JsonObject manifest, Stream output)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var accent = (string?)manifest["accentColor"] ?? "#464775";
        Add(zip, ManifestFileName, JsonSerializer.SerializeToUtf8Bytes(manifest, new JsonSerializerOptions { WriteIndented = true }));
        Add(zip, ColorIconFileName, TeamsAppIcons.Color(accent));
        Add(zip, OutlineIconFileName, TeamsAppIcons.Outline());
    }

    private static void Add(ZipArchive zip, string name, byte[] content)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        entry.Write(content);
    }

    private static void SetHttpsUrl(JsonObject developer, string property, Uri? url)
    {
        if (url is null)
        {
            return;
        }

        developer[property] = url is { IsAbsoluteUri: true, Scheme: "https" } ? url.AbsoluteUri : throw new ArgumentException($"{property} must be an absolute https address.", nameof(url));
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemanticVersion();
}
