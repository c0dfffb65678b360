using System.Globalization;
using System.Text;
using CaaBot.Knowledge.Playbooks;
using CaaBot.Knowledge.Symptoms;
using Xunit.Abstractions;

namespace CaaBot.Knowledge.Tests.Symptoms;

/// <summary>
/// Runs every labelled phrasing against the shipped playbooks and reports top-1 / top-3 accuracy with the
/// misses explained. The rows are the yardstick: when a row misses, fix the matcher or the playbook, not the row.
/// </summary>
public sealed class SymptomMatcherAccuracyTests(ITestOutputHelper output)
{
    // The issue's target: the right playbook is among the three offered.
    private const double Top3Target = 0.90;

    // Several codes share their visible symptoms (six network codes, three "asks for my password" codes),
    // so the single best guess is held to a lower bar; the bot always offers three. Measured ~0.90 on all
    // rows and ~0.84 on the held-out rows; 0.80 leaves room for content edits without hiding a regression.
    private const double Top1Floor = 0.80;

    [Fact]
    public async Task Match_LabelledPhrasings_MeetAccuracyTargets()
    {
        var playbooks = await ShippedPlaybooks.LoadAsync(CancellationToken.None);
        var matcher = new SymptomMatcher(playbooks);

        var tuning = Evaluate(matcher, playbooks, LabelledSymptom.TuningSet);
        var holdout = Evaluate(matcher, playbooks, LabelledSymptom.HoldoutSet);
        var all = tuning + holdout;
        output.WriteLine($"all phrasings: top-1 {all.Top1Rate:P1}, top-3 {all.Top3Rate:P1} (target top-3 {Top3Target:P0}, top-1 floor {Top1Floor:P0})");

        Assert.True(all.Top3Rate >= Top3Target, $"top-3 accuracy {all.Top3Rate:P1} is below {Top3Target:P0}");
        Assert.True(all.Top1Rate >= Top1Floor, $"top-1 accuracy {all.Top1Rate:P1} is below {Top1Floor:P0}");
        Assert.True(tuning.Top3Rate >= Top3Target, $"top-3 accuracy on the tuning set {tuning.Top3Rate:P1} is below {Top3Target:P0}");
    }

    private Score Evaluate(SymptomMatcher matcher, IReadOnlyList<Playbook> playbooks, string fileName)
    {
        var (rows, notShipped) = Resolve(LabelledSymptom.Load(fileName), playbooks);
        int top1 = 0, top3 = 0;
        List<double> rightConfidence = [], wrongConfidence = [];
        var misses = new StringBuilder();
        foreach (var row in rows)
        {
            var matches = matcher.Match(row.Text, row.Platform);
            var rank = matches.Select((m, i) => (m, i)).FirstOrDefault(x => row.Expected.Contains(x.m.PlaybookId)).i + 1;
            var found = matches.Any(m => row.Expected.Contains(m.PlaybookId));
            top1 += found && rank == 1 ? 1 : 0;
            top3 += found ? 1 : 0;
            (found && rank == 1 ? rightConfidence : wrongConfidence).Add(matches.Count > 0 ? matches[0].Confidence : 0);
            if (!found || rank != 1)
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"  {(found ? $"rank {rank}" : "MISS  ")}  line {row.Line}: \"{row.Text}\" expected {string.Join("|", row.Expected)}");
                foreach (var m in matches)
                {
                    misses.AppendLine(CultureInfo.InvariantCulture, $"      {m.PlaybookId,-32} {m.Confidence:0.00}  {m.Explanation}");
                }
            }
        }

        var score = new Score(rows.Count, top1, top3);
        output.WriteLine($"== {fileName}: {playbooks.Count} playbooks, {rows.Count} phrasings scored, {notShipped.Count} skipped (playbook not shipped)");
        output.WriteLine($"top-1 accuracy: {top1}/{rows.Count} = {score.Top1Rate:P1}");
        output.WriteLine($"top-3 accuracy: {top3}/{rows.Count} = {score.Top3Rate:P1}");
        output.WriteLine(
            $"calibration: best guess right -> mean confidence {Mean(rightConfidence):0.00}, {Share(rightConfidence):P0} at or above {SymptomMatcher.WeakConfidence}; " +
            $"best guess wrong -> mean {Mean(wrongConfidence):0.00}, {Share(wrongConfidence):P0} at or above");
        output.WriteLine("Not ranked first:");
        output.WriteLine(misses.ToString());
        foreach (var row in notShipped)
        {
            output.WriteLine($"  skipped line {row.Line}: expects {string.Join("|", row.Expected)}");
        }

        return score;
    }

    [Fact]
    public async Task LabelledSet_CoversEveryShippedPlaybook_AtLeastThreeTimes()
    {
        var playbooks = await ShippedPlaybooks.LoadAsync(CancellationToken.None);
        var (rows, _) = Resolve(LabelledSymptom.Load(), playbooks);

        Assert.True(LabelledSymptom.Load().Count >= 150, "the labelled set needs at least 150 phrasings");
        var thin = playbooks.Where(p => rows.Count(r => r.Expected[0] == p.Id) < 3).Select(p => p.Id).ToList();
        Assert.True(thin.Count == 0, "fewer than 3 labelled phrasings (as best answer) for: " + string.Join(", ", thin));
    }

    [Fact]
    public async Task LabelledSet_DoesNotCopyPlaybookSymptomPhrases()
    {
        var playbooks = await ShippedPlaybooks.LoadAsync(CancellationToken.None);
        static string Key(string s) => string.Join(' ', s.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)])).Where(w => w.Length > 0));
        var phrases = playbooks.SelectMany(p => p.SymptomPhrases).Select(Key).ToHashSet(StringComparer.Ordinal);

        var copies = LabelledSymptom.Load().Concat(LabelledSymptom.Load(LabelledSymptom.HoldoutSet)).Where(r => phrases.Contains(Key(r.Text))).Select(r => r.Text).ToList();

        Assert.Empty(copies);
    }

    // Rows name playbooks by id; a row may also name a code (0xCAA…, AADSTS…) whose playbook is not written
    // yet: such a row is skipped (and listed), never silently counted as right or wrong.
    private static (List<LabelledSymptom> Rows, List<LabelledSymptom> NotShipped) Resolve(
        IReadOnlyList<LabelledSymptom> labelled, IReadOnlyList<Playbook> playbooks)
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in playbooks)
        {
            byName.TryAdd(p.Id, p.Id);
            foreach (var name in p.Aliases.Append(p.Code ?? string.Empty).Where(n => n.Length > 0))
            {
                byName.TryAdd(name.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? name[2..] : name, p.Id);
            }
        }

        var rows = new List<LabelledSymptom>();
        var notShipped = new List<LabelledSymptom>();
        foreach (var row in labelled)
        {
            var ids = row.Expected.Where(byName.ContainsKey).Select(e => byName[e]).Distinct().ToList();
            if (byName.ContainsKey(row.Expected[0]))
            {
                rows.Add(row with { Expected = ids });
            }
            else
            {
                notShipped.Add(row);
            }
        }

        return (rows, notShipped);
    }

    private static double Mean(List<double> values) => values.Count == 0 ? 0 : values.Average();

    private static double Share(List<double> values) =>
        values.Count == 0 ? 0 : (double)values.Count(v => v >= SymptomMatcher.WeakConfidence) / values.Count;

    private sealed record Score(int Count, int Top1, int Top3)
    {
        public double Top1Rate => Count == 0 ? 0 : (double)Top1 / Count;

        public double Top3Rate => Count == 0 ? 0 : (double)Top3 / Count;

        public static Score operator +(Score a, Score b) => new(a.Count + b.Count, a.Top1 + b.Top1, a.Top3 + b.Top3);
    }
}
