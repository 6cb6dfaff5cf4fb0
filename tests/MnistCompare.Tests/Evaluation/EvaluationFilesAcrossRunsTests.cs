using System.Text.Json.Nodes;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Evaluation;

// The evaluation files when runs are resumed, replaced with --force, or merged with `plot`.
[Collection(AppCollection.Name)]
public sealed class EvaluationFilesAcrossRunsTests
{
    private readonly SharedRuns runs;

    public EvaluationFilesAcrossRunsTests(SharedRuns runs) => this.runs = runs;

    // The finished pairs' records are read back, not recomputed: a value planted in one shows up in evaluation.csv.
    [Fact]
    public void ResumeReadsAFinishedPairsEvaluationBackInsteadOfScoringItAgain()
    {
        runs.Comparison.AssertSucceeded();
        var folder = runs.NewPath("resume-evaluation");
        RunFiles.CopyFolder(runs.Comparison.Folder, folder);
        var recordPath = Path.Combine(folder, "evaluation", "gelu-seed1.json");
        var record = JsonNode.Parse(File.ReadAllText(recordPath))!;
        record["splits"]![0]!["macro_accuracy"] = 0.123456789;
        File.WriteAllText(recordPath, record.ToJsonString());
        File.Delete(Path.Combine(folder, "evaluation.csv"));
        var confusion = File.ReadAllBytes(Path.Combine(folder, "confusion", "gelu-seed1.csv"));

        var result = AppRunner.Succeeds("compare", "--resume", "--out", folder);

        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("training ", StringComparison.Ordinal));
        var table = RunEvaluationFiles.ReadTable(Path.Combine(folder, "evaluation.csv"));
        Assert.Equal(["relu", "gelu"], table.Select(r => r["activation"]));
        Assert.Equal("0.123456789", table[1]["macro_acc"]);
        Assert.Equal(confusion, File.ReadAllBytes(Path.Combine(folder, "confusion", "gelu-seed1.csv")));
        Assert.Contains("| GELU (tanh) | 12.35% |", File.ReadAllText(Path.Combine(folder, "summary.md")));
    }

    [Fact]
    public void ForceLeavesOnlyTheNewRunsEvaluation()
    {
        var forced = runs.Reseeded;
        forced.Run.AssertSucceeded();
        Assert.Contains("confusion/gelu-seed1.csv", forced.FilesBefore.Keys);

        Assert.Equal(["relu-seed2.csv"], Directory.GetFiles(forced.Run.File("confusion")).Select(Path.GetFileName));
        Assert.Equal(["relu-seed2.json"], Directory.GetFiles(forced.Run.File("evaluation")).Select(Path.GetFileName));
        var row = Assert.Single(RunEvaluationFiles.ReadTable(forced.Run.File("evaluation.csv")));
        Assert.Equal(("relu", "2"), (row["activation"], row["seed"]));
        Assert.Equal(["ReLU (seed 2"], RunEvaluationFiles.SvgPanels(forced.Run.File("confusion.svg")).Select(p => p[..p.IndexOf(',')]));
    }

    // relu + gelu with seed 1, and relu with seed 2: the merge holds all three pairs, relu's panel sums two seeds.
    [Fact]
    public void PlotMergesTheEvaluationsOfTwoRunsIntoTheirUnion()
    {
        var (a, b) = (runs.Comparison, runs.Reseeded.Run);
        a.AssertSucceeded();
        b.AssertSucceeded();
        var merged = runs.NewPath("merged-evaluation");

        AppRunner.Succeeds("plot", a.Folder, b.Folder, "--out", merged);

        var table = RunEvaluationFiles.ReadTable(Path.Combine(merged, "evaluation.csv"));
        Assert.Equal([("relu", "1"), ("gelu", "1"), ("relu", "2")], table.Select(r => (r["activation"], r["seed"])));
        var sources = RunEvaluationFiles.ReadTable(a.File("evaluation.csv")).Concat(RunEvaluationFiles.ReadTable(b.File("evaluation.csv")));
        Assert.Equal(sources.Select(r => string.Join(',', r.Values)), table.Select(r => string.Join(',', r.Values)));
        foreach (var (source, pair) in new[] { (a, "relu-seed1"), (a, "gelu-seed1"), (b, "relu-seed2") })
        {
            Assert.Equal(File.ReadAllBytes(source.File(Path.Combine("confusion", pair + ".csv"))),
                File.ReadAllBytes(Path.Combine(merged, "confusion", pair + ".csv")));
            Assert.True(File.Exists(Path.Combine(merged, "evaluation", pair + ".json")));
        }
        Assert.Equal(["ReLU (2 seeds summed", "GELU (tanh) (seed 1"],
            RunEvaluationFiles.SvgPanels(Path.Combine(merged, "confusion.svg")).Select(p => p[..p.IndexOf(',')]));
        Assert.True(File.Exists(Path.Combine(merged, "mistakes.png")));
        var summary = File.ReadAllText(Path.Combine(merged, "summary.md"));
        Assert.Contains("| ReLU | ", summary);
        Assert.Contains("| GELU (tanh) | ", summary);

        // The merged folder is itself a run folder that plot can merge or redraw.
        var again = runs.NewPath("merged-again");
        AppRunner.Succeeds("plot", merged, "--out", again);
        Assert.Equal(File.ReadAllText(Path.Combine(merged, "evaluation.csv")), File.ReadAllText(Path.Combine(again, "evaluation.csv")));
    }
}
