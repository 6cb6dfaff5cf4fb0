using MnistCompare.Reporting;
using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Training;

// Stops a comparison of relu and elu the way Ctrl-C does (the cancellation token, here cancelled from the observer
// in the middle of elu's epoch), then continues it with `compare --resume`; keeps the folder at both moments.
public sealed class InterruptedRun : IDisposable
{
    public static readonly RunSettings Settings = new() { Activations = ["relu", "elu"], Epochs = 1, TrainLimit = 1000 };

    private readonly TempFolder folder = new("mnistcompare-resume-");

    public InterruptedRun()
    {
        var runFolder = new RunFolder(folder.Path);
        using (var data = TrainingData.Load(Settings))
        {
            runFolder.Prepare(resume: false, force: false);
            var comparison = new Comparison(Settings, runFolder, data);
            comparison.Start(resume: false);
            using var cancellation = new CancellationTokenSource();
            Observer = new InterruptDuring("elu", 3, cancellation);
            Interruption = Record.Exception(() => comparison.Run(Observer, cancellation.Token));
        }
        AfterInterruption = RunFiles.Snapshot(folder.Path);
        Resumed = AppRunner.Run("compare", "--resume", "--out", folder.Path);
        AfterResume = RunFiles.Snapshot(folder.Path);
    }

    public string Folder => folder.Path;

    public InterruptDuring Observer { get; }

    public Exception? Interruption { get; }

    public IReadOnlyDictionary<string, byte[]> AfterInterruption { get; }

    public AppResult Resumed { get; }

    public IReadOnlyDictionary<string, byte[]> AfterResume { get; }

    public void Dispose() => folder.Dispose();

    // Cancels when `activation` reaches the given batch of its first epoch, and records which runs started.
    public sealed class InterruptDuring(string activation, int batch, CancellationTokenSource cancellation) : ITrainingObserver
    {
        public List<string> Started { get; } = new();

        public int LastBatch { get; private set; }

        public void RunStarted(string name, long seed, int firstEpoch) => Started.Add(name);

        public void BatchCompleted(BatchProgress progress)
        {
            LastBatch = progress.Batch;
            if (progress.Activation == activation && progress.Batch == batch) cancellation.Cancel();
        }
    }
}

[Collection(AppCollection.Name)]
public sealed class ResumeTests : IClassFixture<InterruptedRun>
{
    private readonly InterruptedRun run;

    public ResumeTests(InterruptedRun run) => this.run = run;

    [Fact]
    public void TheInterruptionStopsInTheMiddleOfTheSecondRun()
    {
        Assert.IsAssignableFrom<OperationCanceledException>(run.Interruption);
        Assert.Equal(["relu", "elu"], run.Observer.Started);
        Assert.Equal(3, run.Observer.LastBatch);
    }

    [Fact]
    public void TheFolderKeepsTheFinishedRunAndNothingOfTheInterruptedOne()
    {
        var metrics = Lines(run.AfterInterruption["metrics.csv"]);
        Assert.Equal(RunFiles.MetricsHeader, metrics[0]);
        Assert.StartsWith("relu,1,1,", Assert.Single(metrics.Skip(1)));
        Assert.Contains("models/relu-seed1.weights", run.AfterInterruption.Keys);
        Assert.DoesNotContain("models/elu-seed1.weights", run.AfterInterruption.Keys);
        Assert.Contains("In progress: 1 of 2", System.Text.Encoding.UTF8.GetString(run.AfterInterruption["summary.md"]));
        Assert.DoesNotContain(run.AfterInterruption.Keys, k => k.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void ResumeTrainsOnlyTheMissingRunAndKeepsTheFinishedOneAsItWas()
    {
        Assert.True(run.Resumed.ExitCode == 0 && run.Resumed.Error.Length == 0, run.Resumed.ToString());
        Assert.Contains("training elu (seed 1) from epoch 1", run.Resumed.OutLines);
        Assert.DoesNotContain(run.Resumed.OutLines, l => l.StartsWith("training relu", StringComparison.Ordinal));

        // relu's row is the same text, seconds column included: it was not trained again.
        var before = Lines(run.AfterInterruption["metrics.csv"]);
        var after = Lines(run.AfterResume["metrics.csv"]);
        Assert.Equal(before, after.Take(2));
        var elu = Assert.Single(RunFiles.ReadMetrics(Path.Combine(run.Folder, "metrics.csv")), r => r.Activation == "elu");
        Assert.Equal((1L, 1, false), (elu.Seed, elu.Epoch, elu.Diverged));
        Assert.True(elu.ValAccuracy > 0.5, $"elu val_acc {elu.ValAccuracy}");
        Assert.Equal(3, after.Length);

        Assert.Equal(run.AfterInterruption["models/relu-seed1.weights"], run.AfterResume["models/relu-seed1.weights"]);
        Assert.Contains("models/elu-seed1.weights", run.AfterResume.Keys);
        // The settings are those of the interrupted run; the resume adds only what it found (the image counts) and how it
        // spread the work.
        var (recorded, resumed) = (ReadConfig(run.AfterInterruption["config.json"]), ReadConfig(run.AfterResume["config.json"]));
        Assert.Equal(recorded with { Activations = resumed.Activations }, resumed with { Images = null, ThreadsPerTraining = null });
        Assert.Equal(new ImageCounts(1000, 10_000, null), resumed.Images);
    }

    [Fact]
    public void TheResumedFolderIsComplete()
    {
        var summary = System.Text.Encoding.UTF8.GetString(run.AfterResume["summary.md"]);
        Assert.DoesNotContain("In progress", summary);
        Assert.Single(RunFiles.SummaryRows(Path.Combine(run.Folder, "summary.md"), "ReLU"));
        Assert.Single(RunFiles.SummaryRows(Path.Combine(run.Folder, "summary.md"), "ELU"));
        foreach (var name in CurvePlots.Names)
        {
            PngFile.AssertValid(Path.Combine(run.Folder, name + ".png"));
            Assert.Equal(["ReLU", "ELU"], SvgChart.Read(Path.Combine(run.Folder, name + ".svg")).Names);
        }
        Assert.Empty(RunFiles.TemporaryFiles(run.Folder));
    }

    [Fact]
    public void DiagnosticsKeepTheFinishedRunsRowsAndGainTheResumedOnes()
    {
        var before = Lines(run.AfterInterruption["diagnostics.csv"]);
        var after = Lines(run.AfterResume["diagnostics.csv"]);
        Assert.Equal(["relu"], before.Skip(1).Select(l => l.Split(',')[0]).Distinct());
        Assert.Equal(before, after.Take(before.Length));
        Assert.Equal(["conv1", "conv2", "fc1"], after.Skip(before.Length).Select(l => l.Split(',')[3]));
        Assert.All(after.Skip(before.Length), l => Assert.StartsWith("elu,1,1,", l));
    }

    private static RunSettings ReadConfig(byte[] file)
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp["config.json"], file);
        return RunConfigFile.Read(temp["config.json"]);
    }

    private static string[] Lines(byte[] file) =>
        System.Text.Encoding.UTF8.GetString(file).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();
}
