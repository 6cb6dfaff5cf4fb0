using MnistCompare.Reporting;
using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Sharding;

// compare --shard and the merge of shards by `plot`, on real trainings (see ShardedSweep).
[Collection(AppCollection.Name)]
public sealed class ShardedSweepTests : IClassFixture<ShardedSweep>
{
    private readonly ShardedSweep sweep;

    public ShardedSweepTests(ShardedSweep sweep) => this.sweep = sweep;

    // Every column of metrics.csv but seconds, which no two runs share.
    private static IReadOnlyList<string> WithoutSeconds(string folder) =>
        RunFiles.ReadMetrics(Path.Combine(folder, "metrics.csv"))
            .Select(r => string.Join(',', r.Line.Split(',').Where((_, i) => i != 7)))
            .ToList();

    [Fact]
    public void AShardRecordsWhichPartOfWhichPlanItIs()
    {
        sweep.Second.AssertSucceeded();

        var recorded = RunConfigFile.Read(sweep.Second.File("config.json"));

        Assert.Equal(sweep.Plan.Activations, recorded.Activations);
        Assert.Equal((2, 2), (recorded.Shard!.Index, recorded.Shard.Count));
        Assert.Equal([("elu", 1L)], recorded.Shard.Pairs.Select(p => (p.Activation, p.Seed)));
        Assert.Equal(["elu"], sweep.Second.Rows.Select(r => r.Activation));
        Assert.Contains("This is shard 2 of 2 of the plan: elu seed 1.", File.ReadAllText(sweep.Second.File("summary.md")));
    }

    [Fact]
    public void AShardResumesWhereItStoppedAndTrainsOnlyItsOwnPairs()
    {
        Assert.IsAssignableFrom<OperationCanceledException>(sweep.Interruption);
        Assert.Equal(["relu"], RunFiles.ReadMetrics(Path.Combine(sweep.Interrupted, "metrics.csv")).Select(r => r.Activation));
        sweep.Resumed.AssertSucceeded();

        // relu was finished: its row is kept as it was (the seconds too), not trained again.
        var before = RunFiles.ReadMetrics(Path.Combine(sweep.Interrupted, "metrics.csv")).Single();
        Assert.Equal(before.Line, sweep.Resumed.Rows.First().Line);
        Assert.Equal(["relu", "gelu"], sweep.Resumed.Rows.Select(r => r.Activation));
        Assert.Equal(["gelu-seed1.weights", "relu-seed1.weights"], Directory.GetFiles(sweep.Resumed.File("models")).Select(Path.GetFileName).Order());
        // And the shard's numbers are those of the same pairs in the sweep run in one process.
        var single = WithoutSeconds(sweep.Single.Folder);
        Assert.Equal([single[0], single[2]], WithoutSeconds(sweep.Resumed.Folder));
    }

    [Fact]
    public void MergedShardsAreTheSweepRunInOneProcess()
    {
        sweep.Single.AssertSucceeded();
        sweep.Resumed.AssertSucceeded();
        sweep.Second.AssertSucceeded();
        var merged = sweep.NewPath("merged");

        var result = AppRunner.Succeeds("plot", sweep.Second.Folder, sweep.Resumed.Folder, "--out", merged);

        Assert.Contains($"Merged 2 shards (3 of 3 activation × seed runs) into {merged}: config.json, metrics.csv, summary.md, the plots, report.html and models/.", result.OutLines);
        Assert.Equal(WithoutSeconds(sweep.Single.Folder), WithoutSeconds(merged));
        var config = RunConfigFile.Read(Path.Combine(merged, "config.json"));
        Assert.Null(config.Shard);
        Assert.Empty(SettingsComparison.Between(RunConfigFile.Read(sweep.Single.File("config.json")), config, SettingsComparison.ShardOrMachineKeys));
        Assert.Equal(Directory.GetFiles(sweep.Single.File("models")).Select(Path.GetFileName).Order(),
            Directory.GetFiles(Path.Combine(merged, "models")).Select(Path.GetFileName).Order());
        Assert.Equal(File.ReadAllBytes(sweep.Second.File("models/elu-seed1.weights")), File.ReadAllBytes(Path.Combine(merged, "models/elu-seed1.weights")));
        Assert.DoesNotContain("In progress", File.ReadAllText(Path.Combine(merged, "summary.md")));
        // Every table and figure of a single run, the diagnostics and the comparisons included.
        Assert.Equal(Directory.GetFiles(sweep.Single.Folder).Select(Path.GetFileName).Where(f => f is not "report.html").Order(),
            Directory.GetFiles(merged).Select(Path.GetFileName).Where(f => f is not "report.html").Order());
        Assert.Equal(File.ReadAllLines(sweep.Single.File("diagnostics.csv")).Length, File.ReadAllLines(Path.Combine(merged, "diagnostics.csv")).Length);
        Assert.Equal(["ReLU", "ELU", "GELU (tanh)"], SvgChart.Read(Path.Combine(merged, "val_accuracy.svg")).Names);
        PngFile.AssertValid(Path.Combine(merged, "train_loss.png"));
        Assert.Empty(RunFiles.TemporaryFiles(merged));
    }

    [Fact]
    public void AMergeNamesThePairsNoShardHasFinished()
    {
        var merged = sweep.NewPath("partial");

        var result = AppRunner.Run("plot", sweep.Interrupted, "--out", merged);

        Assert.True(result.ExitCode == 0, result.ToString());
        var note = Assert.Single(result.ErrorLines);
        Assert.StartsWith("note: 2 of 3 activation × seed pairs are not finished, so the merge lacks them: ", note);
        Assert.Contains("elu seed 1 (shard 2 of 2: no folder given)", note);
        Assert.Contains($"gelu seed 1 (shard 1 of 2, 0 of 1 epochs, in {sweep.Interrupted})", note);
        Assert.Contains("still missing: elu seed 1", File.ReadAllText(Path.Combine(merged, "summary.md")));
        Assert.Equal(["relu"], RunFiles.ReadMetrics(Path.Combine(merged, "metrics.csv")).Select(r => r.Activation));
    }

    [Theory]
    [InlineData("epochs", "epochs differs (2 against 1)")]
    [InlineData("dataset", "dataset differs (fashion against ")]
    public void AShardOfAnotherSweepIsRefusedNamingTheDifference(string setting, string expected)
    {
        sweep.Second.AssertSucceeded();
        var other = sweep.NewPath("other-" + setting);
        RunFiles.CopyFolder(sweep.Second.Folder, other);
        var recorded = RunConfigFile.Read(Path.Combine(other, "config.json"));
        RunConfigFile.Write(Path.Combine(other, "config.json"), setting == "epochs" ? recorded with { Epochs = 2 } : recorded with { Dataset = "fashion" });
        var merged = sweep.NewPath("refused");

        var error = AppRunner.FailsWithOneLine(2, "plot", sweep.Resumed.Folder, other, "--out", merged);

        Assert.Contains($"{other} is not a shard of the same sweep as {sweep.Resumed.Folder}: {expected}", error);
        Assert.False(Directory.Exists(merged));
    }

    [Fact]
    public void TheSameShardTwiceIsRefused()
    {
        sweep.Second.AssertSucceeded();
        var copy = sweep.NewPath("copy");
        RunFiles.CopyFolder(sweep.Second.Folder, copy);

        var error = AppRunner.FailsWithOneLine(2, "plot", sweep.Second.Folder, copy, "--out", sweep.NewPath("twice"));

        Assert.Contains("elu with seed 1 appears in more than one run folder", error);
    }

    [Fact]
    public void AWholeRunDoesNotMergeWithShards()
    {
        var error = AppRunner.FailsWithOneLine(2, "plot", sweep.Second.Folder, sweep.Single.Folder, "--out", sweep.NewPath("mixed"));

        Assert.Contains($"{sweep.Single.Folder} is a whole run, not a shard", error);
    }

    [Fact]
    public void AShardBeyondThePlanSaysItHasNothingToTrain()
    {
        var folder = sweep.NewPath("empty-shard");

        var result = AppRunner.Succeeds(["compare", .. sweep.SweepArgs, "--shard", "5/5", "--out", folder]);

        Assert.Contains("Shard 5 of 5 has nothing to train: the plan has only 3 activation × seed pairs. No run folder written.", result.OutLines);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void ShardOptionsThatCannotWorkAreOneLineUsageErrors()
    {
        Assert.Contains("--shard needs --out", AppRunner.FailsWithOneLine(2, ["compare", .. sweep.SweepArgs, "--shard", "1/2"]));
        Assert.Contains("--shard: '3/2'", AppRunner.FailsWithOneLine(2, ["compare", .. sweep.SweepArgs, "--shard", "3/2", "--out", sweep.NewPath("x")]));
        Assert.Contains("--shard does not apply", AppRunner.FailsWithOneLine(2, "compare", "--resume", "--shard", "1/2", "--out", sweep.Resumed.Folder));
        // The test host is no Slurm job-array task.
        if (Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID") is null)
        {
            Assert.Contains("SLURM_ARRAY_TASK_ID is not set",
                AppRunner.FailsWithOneLine(2, ["compare", .. sweep.SweepArgs, "--shard", "slurm", "--out", sweep.NewPath("y")]));
        }
    }

    [Fact]
    public void ARecordedShardWhosePairsAreNotItsOwnIsRefused()
    {
        var tampered = sweep.Plan with { Shard = RunShard.Of(sweep.Plan, 1, 2) with { Pairs = [new PlannedPair { Activation = "elu", Seed = 1 }] } };

        var error = Assert.Throws<UserError>(() => MnistCompare.Cli.ConfigFileCheck.Checked(tampered, "--resume", "config.json"));

        Assert.Equal("--resume: config.json: shard: pairs are not the ones shard 1 of 2 deals from the plan's activations and seeds", error.Message);
    }
}
