using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Training;

// The seed fixes the initial weights, the shuffling and the dropout masks, so a run can be repeated exactly.
[Collection(AppCollection.Name)]
public sealed class DeterminismTests
{
    private readonly SharedRuns runs;

    public DeterminismTests(SharedRuns runs) => this.runs = runs;

    // ReLU alone, compared with ReLU in the relu+gelu comparison: the same numbers also show that a pair does not
    // depend on the other activations of its run, which is what merging separate runs with `plot` relies on.
    [Fact]
    public void TheSameSeedGivesIdenticalMetrics()
    {
        runs.Comparison.AssertSucceeded();
        var folder = runs.NewPath("relu-again");
        AppRunner.Succeeds("compare", "--train-limit", "2000", "--epochs", "1", "-a", "relu", "--normalize", "--out", folder);

        var again = Assert.Single(RunFiles.ReadMetrics(Path.Combine(folder, "metrics.csv")));
        var first = runs.Comparison.Rows.Single(r => r.Activation == "relu");
        Assert.Equal((first.TrainLoss, first.TrainAccuracy, first.ValLoss, first.ValAccuracy),
            (again.TrainLoss, again.TrainAccuracy, again.ValLoss, again.ValAccuracy));
        Assert.Equal(File.ReadAllBytes(Path.Combine(runs.Comparison.Folder, "models", "relu-seed1.weights")),
            File.ReadAllBytes(Path.Combine(folder, "models", "relu-seed1.weights")));
    }

    [Fact]
    public void ADifferentSeedGivesDifferentMetrics()
    {
        runs.Comparison.AssertSucceeded();
        runs.Reseeded.Run.AssertSucceeded();
        var seed1 = runs.Comparison.Rows.Single(r => r.Activation == "relu");
        var seed2 = Assert.Single(runs.Reseeded.Run.Rows);
        Assert.Equal(2L, seed2.Seed);
        Assert.NotEqual(seed1.TrainLoss, seed2.TrainLoss);
        Assert.NotEqual(seed1.ValLoss, seed2.ValLoss);
        // Still a trained network, not a broken one.
        Assert.True(seed2.ValAccuracy > 0.75, $"seed 2: val_acc {seed2.ValAccuracy}");
    }
}
