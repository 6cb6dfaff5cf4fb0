namespace MnistCompare.Tests.Cli;

// What `compare` does with a run folder that is already there: refuse it, replace it (--force) or continue it
// (--resume). None of these trains except the --force run, which SharedRuns makes once.
[Collection(AppCollection.Name)]
public sealed class RunFolderOptionsTests
{
    private readonly SharedRuns runs;

    public RunFolderOptionsTests(SharedRuns runs) => this.runs = runs;

    [Fact]
    public void AnExistingRunIsNeitherOverwrittenNorMixedWithoutResumeOrForce()
    {
        var folder = CopyOfComparison();
        var before = RunFiles.Snapshot(folder);

        var error = AppRunner.FailsWithOneLine(2, [.. SharedRuns.ComparisonArgs, "--out", folder]);

        Assert.Contains($"{folder} already holds a run", error);
        Assert.Contains("--resume", error);
        Assert.Contains("--force", error);
        Assert.Equal(before, RunFiles.Snapshot(folder));
    }

    [Fact]
    public void ForceReplacesTheWholeRun()
    {
        var forced = runs.Reseeded;
        forced.Run.AssertSucceeded();
        Assert.Contains("models/gelu-seed1.weights", forced.FilesBefore.Keys);

        // Only the new run is left: its one row, its config, its weights.
        var row = Assert.Single(forced.Run.Rows);
        Assert.Equal(("relu", 2L), (row.Activation, row.Seed));
        Assert.Equal(["relu-seed2.weights"], Directory.GetFiles(forced.Run.File("models")).Select(Path.GetFileName));
        Assert.Contains("\"seed\": 2", File.ReadAllText(forced.Run.File("config.json")));
        Assert.DoesNotContain("gelu", File.ReadAllText(forced.Run.File("summary.md")));
        Assert.Equal(["ReLU"], Charts.SvgChart.Read(forced.Run.File("val_accuracy.svg")).Names);
    }

    [Fact]
    public void ResumingAFinishedRunTrainsNothingAndKeepsItsRows()
    {
        var folder = CopyOfComparison();
        var metrics = File.ReadAllText(Path.Combine(folder, "metrics.csv"));
        var weights = File.ReadAllBytes(Path.Combine(folder, "models", "relu-seed1.weights"));

        var result = AppRunner.Succeeds("compare", "--resume", "--out", folder);

        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("training ", StringComparison.Ordinal));
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(folder, "metrics.csv")));
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(folder, "models", "relu-seed1.weights")));
        Assert.Equal(["ReLU", "GELU (tanh)"], Charts.SvgChart.Read(Path.Combine(folder, "val_loss.svg")).Names);
    }

    [Fact]
    public void ResumeWithoutAConfigIsAUsageError()
    {
        var folder = runs.NewPath("no-config");
        Directory.CreateDirectory(folder);

        var error = AppRunner.FailsWithOneLine(2, "compare", "--resume", "--out", folder);

        Assert.Contains("--resume", error);
        Assert.Contains(Path.Combine(folder, "config.json"), error);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void ResumeOfAFolderThatDoesNotExistIsAUsageError()
    {
        var folder = runs.NewPath("nowhere");
        Assert.Contains("--resume", AppRunner.FailsWithOneLine(2, "compare", "--resume", "--out", folder));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ResumeNeedsOut() =>
        Assert.Contains("--resume needs --out", AppRunner.FailsWithOneLine(2, "compare", "--resume"));

    private string CopyOfComparison()
    {
        runs.Comparison.AssertSucceeded();
        var folder = runs.NewPath("copy");
        RunFiles.CopyFolder(runs.Comparison.Folder, folder);
        return folder;
    }
}
