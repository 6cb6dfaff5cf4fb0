using MnistCompare.Tests.Data;

namespace MnistCompare.Tests.Cli;

// The same small comparison twice: in this process with one thread, and with --parallel 2 --threads 2, where each
// activation trains in a worker process with one thread. relu and selu, two epochs: selu's alpha dropout draws from
// libtorch's global generator, and the second epoch goes on from the first one's state.
public sealed class ParallelRuns : IDisposable
{
    private static readonly string[] Activations = ["relu", "selu"];

    private readonly TempFolder temp = new("mnistcompare-parallel-");

    public ParallelRuns()
    {
        var data = SmallMnist.Write(temp["data"], trainCount: 300, testCount: 200);
        string[] common = ["compare", "--data", data, "-a", string.Join(',', Activations), "--epochs", "2"];
        Sequential = new CompletedRun(temp["sequential"], AppRunner.Run([.. common, "--threads", "1", "--out", temp["sequential"]]));
        Parallel = new CompletedRun(temp["parallel"], AppRunner.Run([.. common, "--threads", "2", "--parallel", "2", "--out", temp["parallel"]]));
        // As in DivergenceTests: relu's loss becomes NaN in its second batch, sigmoid's stays finite.
        Diverged = new CompletedRun(temp["diverged"], AppRunner.Run("compare", "--data", data, "-a", "relu,sigmoid", "--lr", "1e20",
            "--epochs", "2", "--threads", "2", "--parallel", "2", "--out", temp["diverged"]));
    }

    public CompletedRun Sequential { get; }

    public CompletedRun Parallel { get; }

    public CompletedRun Diverged { get; }

    public IReadOnlyList<string> ActivationNames => Activations;

    public void Dispose() => temp.Dispose();
}

[Collection(AppCollection.Name)]
public sealed class ParallelCompareTests : IClassFixture<ParallelRuns>
{
    private readonly ParallelRuns runs;

    public ParallelCompareTests(ParallelRuns runs) => this.runs = runs;

    [Fact]
    public void BothRunsSucceedAndTheParallelOneSaysHowItSplitTheThreads()
    {
        runs.Sequential.AssertSucceeded();
        var parallel = runs.Parallel.Result;
        // A machine with fewer than two cores adds a note that the workers compete for them; nothing else may appear.
        Assert.True(parallel.ExitCode == 0 && parallel.ErrorLines.All(l => l.StartsWith("note: ", StringComparison.Ordinal)), parallel.ToString());
        Assert.Contains(parallel.OutLines, l => l.StartsWith("Training ", StringComparison.Ordinal) && l.Contains("; 2 runs at a time with 1 thread each; ", StringComparison.Ordinal));
        foreach (var activation in runs.ActivationNames)
        {
            Assert.Contains($"training {activation} (seed 1) from epoch 1", parallel.OutLines);
            Assert.Single(parallel.OutLines, l => l.StartsWith($"{activation} seed 1 epoch 2/2: train loss ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void MetricsEqualTheSequentialRunsInEveryColumnButSeconds()
    {
        static string WithoutSeconds(MetricsRow row) =>
            string.Join(',', row.Line.Split(',').Where((_, column) => column != 7));
        var sequential = runs.Sequential.Rows;
        Assert.Equal(4, sequential.Count);
        Assert.Equal(sequential.Select(WithoutSeconds), runs.Parallel.Rows.Select(WithoutSeconds));
    }

    [Fact]
    public void DiagnosticsComeBackFromTheWorkersAsASequentialRunRecordsThem()
    {
        var sequential = File.ReadAllText(runs.Sequential.File("diagnostics.csv"));
        // Two activations × two epochs × three hidden layers, after the header.
        Assert.Equal(13, sequential.TrimEnd().Split('\n').Length);
        Assert.Equal(sequential, File.ReadAllText(runs.Parallel.File("diagnostics.csv")));
    }

    [Fact]
    public void WeightsAreByteIdenticalToTheSequentialRuns()
    {
        foreach (var activation in runs.ActivationNames)
        {
            var name = Path.Combine("models", $"{activation}-seed1.weights");
            Assert.Equal(File.ReadAllBytes(runs.Sequential.File(name)), File.ReadAllBytes(runs.Parallel.File(name)));
        }
    }

    // The workers score their models and write the pairs' evaluation files; the parent builds evaluation.csv from them.
    [Fact]
    public void EvaluationFilesAreByteIdenticalToTheSequentialRuns()
    {
        var names = runs.ActivationNames.SelectMany(a => new[] { Path.Combine("confusion", $"{a}-seed1.csv"), Path.Combine("evaluation", $"{a}-seed1.json") })
            .Append("evaluation.csv");
        foreach (var name in names) Assert.Equal(File.ReadAllText(runs.Sequential.File(name)), File.ReadAllText(runs.Parallel.File(name)));
        // A diverged pair has no evaluation; the other one has.
        Assert.Equal(["sigmoid-seed1.csv"], Directory.GetFiles(runs.Diverged.File("confusion")).Select(Path.GetFileName));
        Assert.Equal(["SIGMOID"], File.ReadAllLines(runs.Diverged.File("evaluation.csv")).Skip(1).Select(l => l.Split(',')[0].ToUpperInvariant()));
    }

    [Fact]
    public void TheWorkersLeaveTheSequentialRunsCheckpointsAndNoTemporaryFiles()
    {
        // Each pair keeps the state of its last epoch (to extend the run), the same bytes as the sequential run's.
        foreach (var activation in runs.ActivationNames)
        {
            var name = Path.Combine("checkpoints", $"{activation}-seed1.checkpoint");
            Assert.Equal(File.ReadAllBytes(runs.Sequential.File(name)), File.ReadAllBytes(runs.Parallel.File(name)));
        }
        Assert.Equal(2, Directory.GetFiles(runs.Parallel.File("checkpoints")).Length);
        Assert.Empty(RunFiles.TemporaryFiles(runs.Parallel.Folder));
        Assert.DoesNotContain("In progress", File.ReadAllText(runs.Parallel.File("summary.md")));
    }

    [Fact]
    public void ConfigRecordsTheParallelismAndTheThreadsOfEachTraining()
    {
        static (int, int, int?) Spread(CompletedRun run)
        {
            var settings = MnistCompare.Reporting.RunConfigFile.Read(run.File("config.json"));
            return (settings.Threads, settings.Parallel, settings.ThreadsPerTraining);
        }
        Assert.Equal((1, 1, 1), Spread(runs.Sequential));
        // The diverged run, as the parallel one is resumed with other threads by another test.
        Assert.Equal((2, 2, 1), Spread(runs.Diverged));
    }

    [Fact]
    public void ADivergedTrainingComesBackFromItsWorkerWithItsNotANumbers()
    {
        var result = runs.Diverged.Result;
        Assert.True(result.ExitCode == 0 && result.ErrorLines.All(l => l.StartsWith("note: ", StringComparison.Ordinal)), result.ToString());
        // The batch travels back from the worker with the epoch's metrics.
        Assert.Contains(result.OutLines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^relu seed 1 epoch 1/2: diverged at batch [0-9]+ \(the loss is not a finite number\)$"));
        var rows = runs.Diverged.Rows;
        var relu = Assert.Single(rows, r => r.Activation == "relu");
        Assert.True(relu.Diverged && double.IsNaN(relu.TrainLoss) && double.IsNaN(relu.ValLoss), relu.Line);
        Assert.Equal(["relu", "sigmoid", "sigmoid"], rows.Select(r => r.Activation));
        Assert.Equal(["sigmoid-seed1.weights"], Directory.GetFiles(runs.Diverged.File("models")).Select(Path.GetFileName));
        // A diverged training is never continued, so it keeps no checkpoint.
        Assert.Equal(["sigmoid-seed1.checkpoint"], Directory.GetFiles(runs.Diverged.File("checkpoints")).Select(Path.GetFileName));
    }

    [Fact]
    public void ResumeAcceptsParallelAsItDoesThreads()
    {
        var before = File.ReadAllText(runs.Parallel.File("metrics.csv"));
        var result = AppRunner.Run("compare", "--resume", "--parallel", "2", "--threads", "1", "--out", runs.Parallel.Folder);
        Assert.True(result.ExitCode == 0 && result.Error.Length == 0, result.ToString());
        Assert.DoesNotContain(result.OutLines, l => l.StartsWith("training ", StringComparison.Ordinal));
        Assert.Equal(before, File.ReadAllText(runs.Parallel.File("metrics.csv")));
    }
}
