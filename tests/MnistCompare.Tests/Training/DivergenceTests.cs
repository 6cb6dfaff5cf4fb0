using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Training;

// A learning rate of 1e20 makes ReLU's activations overflow float32 in the second batch (the loss becomes NaN),
// while sigmoid, bounded, keeps a finite (huge) loss. --lr 10 or 1e6 is not enough: dead ReLUs keep the loss finite.
public sealed class DivergedRun : IDisposable
{
    private readonly TempFolder folder = new("mnistcompare-diverged-");

    public DivergedRun() =>
        Result = AppRunner.Run("compare", "-a", "relu,sigmoid", "--lr", "1e20", "--train-limit", "1000", "--epochs", "2", "--out", folder.Path);

    public string Folder => folder.Path;

    public AppResult Result { get; }

    public string File(string name) => Path.Combine(folder.Path, name);

    public void Dispose() => folder.Dispose();
}

[Collection(AppCollection.Name)]
public sealed class DivergenceTests : IClassFixture<DivergedRun>
{
    private readonly DivergedRun run;

    public DivergenceTests(DivergedRun run) => this.run = run;

    [Fact]
    public void ADivergedRunIsNotAnError()
    {
        Assert.True(run.Result.ExitCode == 0 && run.Result.Error.Length == 0, run.Result.ToString());
        Assert.Contains("relu seed 1 epoch 1/2: diverged at batch 2 (the loss is not a finite number)", run.Result.OutLines);
    }

    [Fact]
    public void MetricsMarkTheDivergedEpochAndStopThere()
    {
        var relu = Assert.Single(RunFiles.ReadMetrics(run.File("metrics.csv")), r => r.Activation == "relu");
        // The batch whose loss first was not finite (FirstNonFiniteLossTests shows no earlier one was).
        Assert.Equal((1, true, (int?)2), (relu.Epoch, relu.Diverged, relu.DivergedBatch));
        Assert.True(double.IsNaN(relu.TrainLoss) && double.IsNaN(relu.ValLoss) && double.IsNaN(relu.ValAccuracy), relu.Line);
    }

    [Fact]
    public void TheOtherActivationStillTrainsEveryEpoch()
    {
        var sigmoid = RunFiles.ReadMetrics(run.File("metrics.csv")).Where(r => r.Activation == "sigmoid").ToList();
        Assert.Equal([1, 2], sigmoid.Select(r => r.Epoch));
        Assert.All(sigmoid, r => Assert.Equal((false, (int?)null), (r.Diverged, r.DivergedBatch)));
        Assert.All(sigmoid, r => Assert.True(double.IsFinite(r.TrainLoss) && double.IsFinite(r.ValLoss) && r.ValAccuracy is >= 0 and <= 1, r.Line));
        // A diverged model is not saved; the other one is.
        Assert.Equal(["sigmoid-seed1.weights"], Directory.GetFiles(run.File("models")).Select(Path.GetFileName));
    }

    [Fact]
    public void TheSummarySaysWhichRunDivergedAndWhen()
    {
        var relu = Assert.Single(RunFiles.SummaryRows(run.File("summary.md"), "ReLU"));
        Assert.Equal("yes: seed 1 at epoch 1, batch 2", relu[6]);
        Assert.Equal(["–", "–", "–", "–"], new[] { relu[1], relu[2], relu[3], relu[4] });
        Assert.Equal("no", Assert.Single(RunFiles.SummaryRows(run.File("summary.md"), "Sigmoid"))[6]);
        Assert.DoesNotContain("NaN", File.ReadAllText(run.File("summary.md")));
    }

    [Fact]
    public void ThePlotsKeepTheDivergedSeriesInTheLegendWithoutPoints()
    {
        foreach (var name in new[] { "val_accuracy", "val_loss", "train_loss" })
        {
            PngFile.AssertValid(run.File(name + ".png"));
            var svg = SvgChart.Read(run.File(name + ".svg"));
            Assert.Equal(["ReLU", "Sigmoid"], svg.Names);
            Assert.Equal([0, 2], svg.Series.Select(s => s.Points));
        }
    }
}
