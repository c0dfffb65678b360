using CaaBot.Knowledge.Playbooks;

namespace CaaBot.Knowledge.Tests.Symptoms;

/// <summary>One row of <c>labelled-symptoms.tsv</c>: a user's phrasing and the playbooks that are right answers.</summary>
internal sealed record LabelledSymptom(int Line, string Text, IReadOnlyList<string> Expected, PlaybookPlatform? Platform)
{
    public const string TuningSet = "labelled-symptoms.tsv";
    public const string HoldoutSet = "labelled-symptoms-holdout.tsv";

    public static IReadOnlyList<LabelledSymptom> Load(string fileName = TuningSet)
    {
        var path = Path.Combine(ShippedPlaybooks.RepositoryRoot, "tests", "CaaBot.Knowledge.Tests", "Symptoms", fileName);
        var rows = new List<LabelledSymptom>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith('#'))
            {
                continue;
            }

            var cells = lines[i].Split('\t');
            var expected = cells[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            PlaybookPlatform? platform = cells.Length > 2 && cells[2].Length > 0 ? Enum.Parse<PlaybookPlatform>(cells[2], ignoreCase: true) : null;
            rows.Add(new LabelledSymptom(i + 1, cells[0], expected, platform));
        }

        return rows;
    }
}
