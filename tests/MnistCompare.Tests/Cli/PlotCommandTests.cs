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

        Assert.Contains($"Wrote the plots, summary.md and report.html to {merged}.", result.OutLines);
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
        Assert.Contains(" [", Assert.Single(RunFiles.SummaryRows(summary, "ReLU"))[2]);
        Assert.DoesNotContain("[", Assert.Single(RunFiles.SummaryRows(summary, "GELU (tanh)"))[2]);
        Assert.Contains("means over the seeds each row has (GELU (tanh): 1 of 2; the others 2)", File.ReadAllText(summary));
        // report.html: the merged summary and the three merged charts, inline; a merge has no config.json of its own.
        var report = File.ReadAllText(Path.Combine(merged, "report.html"));
        Assert.Contains("means over the seeds each row has (GELU (tanh): 1 of 2; the others 2)", report);
        // Every figure the merge drew, inline.
        Assert.Equal(Directory.GetFiles(merged, "*.svg").Length, report.Split("<svg").Length - 1);
        Assert.Contains("This folder has no config.json", report);
        // The terminal shows the summary's numbers, spread included, under the same legend names.
        var reluCells = Assert.Single(RunFiles.SummaryRows(summary, "ReLU"));
        var printed = Assert.Single(result.OutLines, l => l.StartsWith("│ ReLU ", StringComparison.Ordinal));
        Assert.Contains($"│ {reluCells[1]} ", printed);
        Assert.Contains($"│ {reluCells[2]} ", printed);
        Assert.Contains($"│ {reluCells[3]} ", printed);
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

    // ELU on fewer images without --normalize: settings the comparison does not share.
    private string OtherSettingsRun()
    {
        var folder = runs.NewPath("elu-300");
        AppRunner.Succeeds("compare", "-a", "elu", "--train-limit", "300", "--val-limit", "500", "--epochs", "1", "--out", folder);
        return folder;
    }

    [Fact]
    public void RunsMadeWithOtherSettingsAreRefusedNamingTheSettings()
    {
        runs.Comparison.AssertSucceeded();
        var merged = runs.NewPath("not-merged");

        var error = AppRunner.FailsWithOneLine(2, "plot", runs.Comparison.Folder, OtherSettingsRun(), "--out", merged);

        Assert.Contains("were made with different settings: ", error);
        Assert.Contains("normalize (true vs false)", error);
        Assert.Contains("train_limit (2000 vs 300)", error);
        Assert.Contains("val_limit (none vs 500)", error);
        Assert.Contains("pass --label-runs", error);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void LabelRunsDrawsRunsWithOtherSettingsAndTheSameActivationTwiceEachUnderItsRunsName()
    {
        runs.Comparison.AssertSucceeded();
        var copy = runs.NewPath("copy");
        RunFiles.CopyFolder(runs.Comparison.Folder, copy);
        var other = OtherSettingsRun();
        var merged = runs.NewPath("labelled");

        AppRunner.Succeeds("plot", runs.Comparison.Folder, copy, other, "--label-runs", "--out", merged);

        var (a, b, c) = (Path.GetFileName(runs.Comparison.Folder), Path.GetFileName(copy), Path.GetFileName(other));
        string[] names = [$"ReLU · {a}", $"GELU (tanh) · {a}", $"ReLU · {b}", $"GELU (tanh) · {b}", $"ELU · {c}"];
        Assert.Equal(names, SvgChart.Read(Path.Combine(merged, "val_accuracy.svg")).Names);
        var summary = Path.Combine(merged, "summary.md");
        foreach (var name in names) Assert.Single(RunFiles.SummaryRows(summary, name));
        var text = File.ReadAllText(summary);
        Assert.Contains($"- {a}: Dataset mnist: 2,000 training images, validation on 10,000 test images;", text);
        Assert.Contains($"- {c}: Dataset mnist: 300 training images, validation on 500 test images;", text);
    }
}
