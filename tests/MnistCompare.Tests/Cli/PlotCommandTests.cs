using MnistCompare.Tests.Charts;

namespace MnistCompare.Tests.Cli;

// `plot RUN_DIR... --out DIR` merges run folders made separately. Here: the relu+gelu comparison (seed 1) and the
// ReLU run with seed 2, so the merge holds an activation found in one folder only (gelu) and one found in both
// with different seeds (relu, which then gets a band: the 95% CI of its mean).
[Collection(AppCollection.Name)]
public sealed class PlotCommandTests
{
    private readonly SharedRuns runs;

    public PlotCommandTests(SharedRuns runs) => this.runs = runs;

    [Fact]
    public void MergesTwoRunFoldersIntoPlotsMetricsAndSummary()
    {
        var a = runs.Comparison;
        var b = runs.Reseeded.Run;
        a.AssertSucceeded();
        b.AssertSucceeded();
        var (beforeA, beforeB) = (RunFiles.Snapshot(a.Folder), RunFiles.Snapshot(b.Folder));
        var merged = runs.NewPath("merged");

        var result = AppRunner.Succeeds("plot", a.Folder, b.Folder, "--out", merged);

        Assert.Contains($"Wrote the plots and summary.md to {merged}.", result.OutLines);
        foreach (var name in new[] { "val_accuracy", "val_loss", "train_loss" })
        {
            Assert.Equal((1600, 1000), PngFile.AssertValid(Path.Combine(merged, name + ".png")));
            var svg = SvgChart.Read(Path.Combine(merged, name + ".svg"));
            Assert.Equal(["ReLU", "GELU (tanh)"], svg.Names);
            Assert.Equal([true, false], svg.Series.Select(s => s.Band));
        }
        // metrics.csv: every row of both folders, as they were written.
        Assert.Equal(a.Rows.Concat(b.Rows).Select(r => r.Line), RunFiles.ReadMetrics(Path.Combine(merged, "metrics.csv")).Select(r => r.Line));
        // summary.md: relu over two seeds (mean [95% CI]), gelu over one.
        var summary = Path.Combine(merged, "summary.md");
        Assert.Contains(" [", Assert.Single(RunFiles.SummaryRows(summary, "relu"))[2]);
        Assert.DoesNotContain("[", Assert.Single(RunFiles.SummaryRows(summary, "gelu"))[2]);
        Assert.Contains("means over 2 seeds", File.ReadAllText(summary));
        // The diagnostics of both folders, merged and drawn; the one pair compared, gelu having a single seed.
        var diagnostics = File.ReadAllLines(Path.Combine(merged, "diagnostics.csv"));
        Assert.Equal(File.ReadAllLines(Path.Combine(a.Folder, "diagnostics.csv")).Concat(File.ReadAllLines(Path.Combine(b.Folder, "diagnostics.csv")).Skip(1)),
            diagnostics);
        Assert.All(new[] { "gradients.png", "activations_stats.png" }, name => Assert.True(new FileInfo(Path.Combine(merged, name)).Length > 10_000));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(merged, "comparisons.csv")).Length);
        // The sources are read, never written.
        Assert.Equal(beforeA, RunFiles.Snapshot(a.Folder));
        Assert.Equal(beforeB, RunFiles.Snapshot(b.Folder));
    }

    [Fact]
    public void ASingleFolderIsRedrawnInPlaceWithoutTouchingItsMetrics()
    {
        runs.Comparison.AssertSucceeded();
        var copy = runs.NewPath("redraw");
        RunFiles.CopyFolder(runs.Comparison.Folder, copy);
        foreach (var file in Directory.GetFiles(copy, "*.png").Concat(Directory.GetFiles(copy, "*.svg"))) File.Delete(file);
        var metrics = File.ReadAllBytes(Path.Combine(copy, "metrics.csv"));

        AppRunner.Succeeds("plot", copy);

        Assert.Equal(metrics, File.ReadAllBytes(Path.Combine(copy, "metrics.csv")));
        Assert.Equal(["ReLU", "GELU (tanh)"], SvgChart.Read(Path.Combine(copy, "val_loss.svg")).Names);
        PngFile.AssertValid(Path.Combine(copy, "train_loss.png"));
    }

    [Fact]
    public void TheSameActivationAndSeedInTwoFoldersIsRefused()
    {
        runs.Comparison.AssertSucceeded();
        var copy = runs.NewPath("same-pairs");
        RunFiles.CopyFolder(runs.Comparison.Folder, copy);
        var merged = runs.NewPath("not-merged");

        var error = AppRunner.FailsWithOneLine(2, "plot", runs.Comparison.Folder, copy, "--out", merged);

        Assert.Contains("relu with seed 1 appears in more than one run folder", error);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void AFolderWithoutMetricsIsRefused()
    {
        var empty = runs.NewPath("empty");
        Directory.CreateDirectory(empty);

        var error = AppRunner.FailsWithOneLine(2, "plot", empty, "--out", runs.NewPath("unused"));

        Assert.Contains(Path.Combine(empty, "metrics.csv"), error);
        Assert.Contains("is " + empty + " a run folder?", error);
    }

    [Fact]
    public void AMissingFolderIsRefused()
    {
        var missing = runs.NewPath("missing");
        Assert.Contains($"{missing} does not exist", AppRunner.FailsWithOneLine(2, "plot", missing));
    }

    [Fact]
    public void AMalformedMetricsFileIsReportedWithItsLine()
    {
        var folder = runs.NewPath("malformed");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "metrics.csv"), RunFiles.MetricsHeader + "\nrelu,1,1,0.5,0.9,0.4\n");

        var error = AppRunner.FailsWithOneLine(1, "plot", folder, "--out", runs.NewPath("unused"));

        Assert.Contains("metrics.csv: line 2: expected 10 columns, found 6", error);
    }
}
