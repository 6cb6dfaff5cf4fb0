using MnistCompare.Reporting;
using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Data;
using MnistCompare.Training;

namespace MnistCompare.Tests.Cli;

// What users do with runs beyond starting one: extend a finished run, look quickly with --val-limit, validate on a
// holdout of a small training set. On a few hundred real MNIST images (SmallMnist) or few real ones, so each run
// takes seconds.
[Collection(AppCollection.Name)]
public sealed class RunWorkflowTests : IDisposable
{
    private readonly TempFolder temp = new("mnistcompare-workflows-");
    private readonly string data;

    public RunWorkflowTests() => data = SmallMnist.Write(temp["data"], trainCount: 300, testCount: 200);

    public void Dispose() => temp.Dispose();

    private string[] Small(string output, int epochs) =>
        ["compare", "--data", data, "-a", "relu,selu", "--epochs", epochs.ToString(), "--threads", "1", "--out", output];

    private static object Values(EpochMetrics m) => (m.Activation, m.Seed, m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy, m.Diverged);

    [Fact]
    public void ExtendingAFinishedRunEndsAsIfItsEpochsHadBeenAskedForAtTheStart()
    {
        var (extended, reference) = (temp["extended"], temp["reference"]);
        AppRunner.Succeeds(Small(extended, 1));
        AppRunner.Succeeds(Small(reference, 2));

        var result = AppRunner.Succeeds("compare", "--resume", "--out", extended, "--epochs", "2");

        // Every pair goes on from its last epoch, not from the start.
        Assert.Contains("training relu (seed 1) from epoch 2", result.OutLines);
        Assert.Contains("training selu (seed 1) from epoch 2", result.OutLines);
        var (a, b) = (new RunFolder(extended), new RunFolder(reference));
        Assert.Equal(MetricsCsv.Read(b.MetricsPath).Select(Values), MetricsCsv.Read(a.MetricsPath).Select(Values));
        foreach (var activation in new[] { "relu", "selu" })
        {
            Assert.Equal(File.ReadAllBytes(b.WeightsPath(activation, 1)), File.ReadAllBytes(a.WeightsPath(activation, 1)));
        }
        Assert.Equal(2, RunConfigFile.Read(a.ConfigPath).Epochs);
        Assert.Contains("; 2 epochs,", File.ReadAllText(a.SummaryPath));
        // The figures show both epochs.
        Assert.All(SvgChart.Read(a.PlotPath("val_accuracy", "svg")).Series, s => Assert.Equal(2, s.Points));
    }

    [Fact]
    public void AResumeWithNothingLeftSaysSoAndARunIsNeverShortened()
    {
        var folder = temp["finished"];
        // Two trainings side by side, one thread each: the config records how the run was trained, which a resume with
        // nothing to train must leave as it is.
        AppRunner.Succeeds("compare", "--data", data, "-a", "relu,selu", "--epochs", "1", "--threads", "2", "--parallel", "2", "--out", folder);
        var before = RunFiles.Snapshot(folder);

        var result = AppRunner.Succeeds("compare", "--resume", "--out", folder);

        Assert.Contains("Nothing left to do: every activation × seed has its 1 epoch (a larger --epochs with --resume extends the run).", result.OutLines);
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("training ", StringComparison.Ordinal));
        var after = RunFiles.Snapshot(folder);
        Assert.Equal(before["metrics.csv"], after["metrics.csv"]);
        Assert.Equal(1, RunConfigFile.Read(Path.Combine(folder, "config.json")).ThreadsPerTraining);
        Assert.Equal(before["config.json"], after["config.json"]);

        AppRunner.Succeeds(Small(temp["two"], 2));
        var error = AppRunner.FailsWithOneLine(2, "compare", "--resume", "--out", temp["two"], "--epochs", "1");
        Assert.Contains("--epochs 1: the run in " + temp["two"] + " has 2 epochs per activation; --resume can extend a run, not shorten it", error);
    }

    [Fact]
    public void ARunWhoseEveryTrainingDivergedLeavesNoCheckpointsFolder()
    {
        // As in DivergenceTests: relu's loss becomes NaN in its second batch.
        var folder = temp["all-diverged"];
        var result = AppRunner.Run("compare", "--data", data, "-a", "relu", "--lr", "1e20", "--epochs", "2", "--threads", "1", "--out", folder);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(Assert.Single(MetricsCsv.Read(new RunFolder(folder).MetricsPath)).Diverged);
        Assert.False(Directory.Exists(Path.Combine(folder, "checkpoints")), "an empty checkpoints/ folder is left");
    }

    [Fact]
    public void ValLimitValidatesOnTheFirstImagesOnlyAndEveryHeaderSaysSo()
    {
        var folder = temp["val-limit"];
        var result = AppRunner.Succeeds("compare", "--data", data, "-a", "relu", "--epochs", "1", "--threads", "1", "--val-limit", "50", "--out", folder);

        var run = new RunFolder(folder);
        Assert.Equal(new ImageCounts(300, 50, null), RunConfigFile.Read(run.ConfigPath).Images);
        Assert.Equal(50, RunConfigFile.Read(run.ConfigPath).ValLimit);
        const string Counts = "300 training images, validation on 50 test images";
        Assert.Contains(result.OutLines, l => l.Contains(Counts, StringComparison.Ordinal));
        Assert.Contains(Counts, File.ReadAllText(run.SummaryPath));
        Assert.Contains(Counts, SvgChart.Read(run.PlotPath("val_loss", "svg")).Title);
        // An accuracy over 50 images is a multiple of 2%.
        var accuracy = Assert.Single(MetricsCsv.Read(run.MetricsPath)).ValAccuracy * 50;
        Assert.Equal(Math.Round(accuracy), accuracy, 6);

        var error = AppRunner.FailsWithOneLine(2, "compare", "--data", data, "-a", "relu", "--val-limit", "201", "--out", temp["unused"]);
        Assert.Contains("--val-limit 201 is more than the 200 test images; use 1 to 200", error);
    }

    [Fact]
    public void HoldoutNeedsMoreTrainingImagesThanItHoldsOutAndSaysHowMany()
    {
        // This message once read the count of a split it had just disposed, and the app died with ObjectDisposedException.
        var error = AppRunner.FailsWithOneLine(2, "compare", "--data", data, "-a", "relu", "--validation", "holdout", "--out", temp["unused"]);
        Assert.Equal($"error: --validation holdout needs more than 10,000 training images; {data} has 300", error);
    }

    [Fact]
    public void UnderHoldoutTheTrainLimitCountsTheImagesTrainedOnAndEveryHeaderStatesTheTrueCounts()
    {
        // The command (a smaller validation, to save time): it died in DatasetSplit.Count with exit 134.
        var folder = temp["holdout"];
        var result = AppRunner.Succeeds("compare", "-a", "relu", "--validation", "holdout", "--train-limit", "300", "--val-limit", "500",
            "--epochs", "1", "--out", folder);

        var run = new RunFolder(folder);
        Assert.Equal(new ImageCounts(300, 500, 10_000), RunConfigFile.Read(run.ConfigPath).Images);
        const string Counts = "300 training images, validation on 500 holdout images, 10,000 test images at the end";
        Assert.Contains(result.OutLines, l => l.Contains(Counts, StringComparison.Ordinal));
        Assert.Contains(Counts, File.ReadAllText(run.SummaryPath));
        Assert.Contains("MNIST, 300 training images, validation on 500 holdout images", SvgChart.Read(run.PlotPath("val_accuracy", "svg")).Title);
        // Trained on the 300 images, not on ~1 (which left the validation accuracy near chance, 8.6%): 41% here.
        var epoch = Assert.Single(MetricsCsv.Read(run.MetricsPath));
        Assert.True(epoch.ValAccuracy > 0.3, $"{epoch}");
        Assert.True(File.Exists(run.TestResultsPath));

        var error = AppRunner.FailsWithOneLine(2, "compare", "-a", "relu", "--validation", "holdout", "--train-limit", "50001", "--out", temp["unused"]);
        Assert.Equal("error: --train-limit 50001: with --validation holdout, 50,000 training images are left after the 10,000-image holdout; " +
                     "use 1 to 50000", error);
    }
}
