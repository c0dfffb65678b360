using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaaBot.Bot.Tests.Cards;

/// <summary>
/// One golden card per shape (Golden/*.json next to this file), compared as JSON, not as text.
/// Re-record after an intended change with <c>CAABOT_RECORD_CARDS=1 dotnet test tests/CaaBot.Bot.Tests</c>.
/// </summary>
public sealed class SupportCardsGoldenTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string> Shapes => SupportCardsStructureTests.Shapes;

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Card_MatchesGolden(string shape)
    {
        var actual = JsonNode.Parse(SupportCardsStructureTests.AllShapes()[shape].GetRawText())!;
        var path = Path.Combine(GoldenFolder(), $"{shape}.json");

        if (Environment.GetEnvironmentVariable("CAABOT_RECORD_CARDS") == "1")
        {
            File.WriteAllText(path, actual.ToJsonString(Indented) + "\n");
        }

        Assert.True(File.Exists(path), $"No golden file {path}; record it with CAABOT_RECORD_CARDS=1.");
        var expected = JsonNode.Parse(File.ReadAllText(path));
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"Card '{shape}' differs from {path}. If the change is intended, re-record with CAABOT_RECORD_CARDS=1.{Environment.NewLine}Actual:{Environment.NewLine}{actual.ToJsonString(Indented)}");
    }

    private static string GoldenFolder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
