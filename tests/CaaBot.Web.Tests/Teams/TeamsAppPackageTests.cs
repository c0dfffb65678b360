using System.IO.Compression;
using System.Text.Json.Nodes;
using CaaBot.Web.Teams;

namespace CaaBot.Web.Tests.Teams;

public sealed class TeamsAppPackageTests
{
    private static readonly Guid BotId = Guid.Parse("5f1c2a9e-8d3b-4b6f-9a51-0c7e2d4b8a10");

    [Fact]
    public void FillManifest_BotId_IsTheBotAndTheAppIdAndTheTemplateIsUntouched()
    {
        var template = TeamsAppPackage.Template();

        var manifest = TeamsAppPackage.FillManifest(template, new TeamsAppPackageOptions { BotAppId = BotId });

        Assert.Equal(BotId.ToString("D"), (string?)manifest["id"]);
        Assert.Equal(BotId.ToString("D"), (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(Guid.Empty.ToString("D"), (string?)template["bots"]![0]!["botId"]);
    }

    [Fact]
    public void Template_DeclaresThreeScopesAndTheFourCommandsTheBotUnderstands()
    {
        var bot = TeamsAppPackage.Template()["bots"]![0]!;

        Assert.Equal(["personal", "team", "groupChat"], bot["scopes"]!.AsArray().Select(scope => (string)scope!));
        var commands = bot["commandLists"]![0]!["commands"]!.AsArray().Select(command => (string)command!["title"]!);
        Assert.Equal(["help", "start over", "status", "agent"], commands);
        Assert.StartsWith("https://developer.microsoft.com/json-schemas/teams/v", (string?)TeamsAppPackage.Template()["$schema"], StringComparison.Ordinal);
    }

    [Fact]
    public void FillManifest_OrganisationDetails_AreFilledAsValues()
    {
        var manifest = TeamsAppPackage.FillManifest(TeamsAppPackage.Template(), new TeamsAppPackageOptions
        {
            BotAppId = BotId,
            TeamsAppId = Guid.Parse("00000000-0000-0000-0000-0000000000aa"),
            Version = "2.0.1",
            DeveloperName = "Contoso \"IT\" <Help>",
            WebsiteUrl = new Uri("https://contoso.example/help"),
            PrivacyUrl = new Uri("https://contoso.example/privacy"),
            TermsOfUseUrl = new Uri("https://contoso.example/terms"),
            ValidDomains = ["caabot.contoso.example"],
        });

        Assert.Equal("00000000-0000-0000-0000-0000000000aa", (string?)manifest["id"]);
        Assert.Equal("2.0.1", (string?)manifest["version"]);
        Assert.Equal("Contoso \"IT\" <Help>", (string?)manifest["developer"]!["name"]);
        Assert.Equal("https://contoso.example/terms", (string?)manifest["developer"]!["termsOfUseUrl"]);
        Assert.Equal(["caabot.contoso.example"], manifest["validDomains"]!.AsArray().Select(domain => (string)domain!));
    }

    public static TheoryData<TeamsAppPackageOptions> Refused => new()
    {
        new TeamsAppPackageOptions { BotAppId = Guid.Empty },
        new TeamsAppPackageOptions { BotAppId = BotId, Version = "v2" },
        new TeamsAppPackageOptions { BotAppId = BotId, DeveloperName = new string('x', 33) },
        new TeamsAppPackageOptions { BotAppId = BotId, WebsiteUrl = new Uri("http://contoso.example/help") },
        new TeamsAppPackageOptions { BotAppId = BotId, ValidDomains = ["https://caabot.contoso.example/"] },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void FillManifest_ValueTeamsWouldRefuse_ThrowsArgumentException(TeamsAppPackageOptions options)
    {
        Assert.Throws<ArgumentException>(() => TeamsAppPackage.FillManifest(TeamsAppPackage.Template(), options));
    }

    [Fact]
    public void Write_Zip_HoldsExactlyTheManifestAndBothIconsAtItsRoot()
    {
        using var zip = new MemoryStream();
        TeamsAppPackage.Write(TeamsAppPackage.FillManifest(TeamsAppPackage.Template(), new TeamsAppPackageOptions { BotAppId = BotId }), zip);

        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));
        using var manifest = archive.GetEntry("manifest.json")!.Open();
        Assert.Equal(BotId.ToString("D"), (string?)JsonNode.Parse(manifest)!["bots"]![0]!["botId"]);
    }

    [Fact]
    public void ColorIcon_Is192SquareOpaqueRgbaWithTheAccentAndWhite()
    {
        var icon = DecodedPng.Read(TeamsAppIcons.Color("#464775"));

        Assert.Equal((192, 192, 8, 6), (icon.Width, icon.Height, (int)icon.BitDepth, (int)icon.ColorType));
        Assert.All(icon.Pixels(), pixel => Assert.Equal(255, pixel.A));
        Assert.Equal((0x46, 0x47, 0x75), Rgb(icon.Pixel(2, 2)));
        Assert.Equal((255, 255, 255), Rgb(icon.Pixel(96, 150)));
        Assert.Equal((0x46, 0x47, 0x75), Rgb(icon.Pixel(96, 115))); // the keyhole
    }

    [Fact]
    public void OutlineIcon_Is32SquareAndOnlyWhiteOrTransparent()
    {
        var icon = DecodedPng.Read(TeamsAppIcons.Outline());

        Assert.Equal((32, 32, 8, 6), (icon.Width, icon.Height, (int)icon.BitDepth, (int)icon.ColorType));
        Assert.All(icon.Pixels(), pixel => Assert.True(pixel.A == 0 || Rgb(pixel) == (255, 255, 255), $"pixel {pixel} is neither white nor transparent"));
        Assert.Equal(0, icon.Pixel(0, 0).A);
        Assert.Equal(255, icon.Pixel(16, 26).A);
        Assert.Contains(icon.Pixels(), pixel => pixel.A is > 0 and < 255); // anti-aliased edges
    }

    [Theory]
    [InlineData("464775")]
    [InlineData("#46477")]
    [InlineData("#zzzzzz")]
    public void ColorIcon_AccentNotRrggbb_Throws(string accent)
    {
        Assert.Throws<FormatException>(() => TeamsAppIcons.Color(accent));
    }

    private static (int, int, int) Rgb((byte R, byte G, byte B, byte A) pixel) => (pixel.R, pixel.G, pixel.B);
}
