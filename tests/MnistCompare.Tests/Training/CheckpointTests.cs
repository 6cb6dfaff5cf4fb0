using MnistCompare.Reporting;
using MnistCompare.Tests.Cli;
using MnistCompare.Tests.Data;
using MnistCompare.Training;

namespace MnistCompare.Tests.Training;

// Per-epoch checkpoints: a training stopped after some epochs goes on from its last finished epoch, and ends with
// exactly the metrics and weights of a training that was never stopped.
[Collection(AppCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly TempFolder temp = new("mnistcompare-checkpoint-");
    private readonly RunSettings settings;

    public CheckpointTests()
    {
        settings = new RunSettings { Activations = ["selu"], Epochs = 3, Dataset = SmallMnist.Write(temp["data"]) };
    }

    public void Dispose() => temp.Dispose();

    private (IReadOnlyList<EpochMetrics> Metrics, List<int> FirstEpochs, Exception? Stopped) Train(string name, bool resume,
        Func<BatchProgress, bool>? stopAt = null)
    {
        var folder = new RunFolder(temp[name]);
        using var data = TrainingData.Load(settings);
        folder.Prepare(resume, force: false);
        var comparison = new Comparison(settings, folder, data);
        comparison.Start(resume);
        using var cancellation = new CancellationTokenSource();
        var observer = new Watcher(p =>
        {
            if (stopAt?.Invoke(p) == true) cancellation.Cancel();
        });
        var stopped = Record.Exception(() => comparison.Run(observer, cancellation.Token));
        return (comparison.Metrics, observer.FirstEpochs, stopped);
    }

    private static object Values(EpochMetrics m) => (m.Activation, m.Seed, m.Epoch, m.TrainLoss, m.TrainAccuracy, m.ValLoss, m.ValAccuracy, m.Diverged);

    [Fact]
    public void AResumedTrainingGoesOnFromItsLastEpochAndEndsWhereAnUninterruptedOneEnds()
    {
        var uninterrupted = Train("whole", resume: false);
        Assert.Null(uninterrupted.Stopped);

        var stopped = Train("stopped", resume: false, stopAt: p => p.Epoch == 3 && p.Batch == 2);
        Assert.IsAssignableFrom<OperationCanceledException>(stopped.Stopped);
        var checkpoint = new RunFolder(temp["stopped"]).CheckpointPath("selu", 1);
        Assert.Equal(2, Checkpoint.ReadEpoch(checkpoint, new Checkpoint.Identity("selu", 1)));

        var resumed = Train("stopped", resume: true);
        Assert.Null(resumed.Stopped);
        Assert.Equal([3], resumed.FirstEpochs);
        Assert.Equal(uninterrupted.Metrics.Select(Values), resumed.Metrics.Select(Values));
        Assert.Equal(File.ReadAllBytes(new RunFolder(temp["whole"]).WeightsPath("selu", 1)),
            File.ReadAllBytes(new RunFolder(temp["stopped"]).WeightsPath("selu", 1)));
        // A finished training keeps the checkpoint of its last epoch, to be extended: the uninterrupted one's bytes.
        Assert.Equal(File.ReadAllBytes(new RunFolder(temp["whole"]).CheckpointPath("selu", 1)), File.ReadAllBytes(checkpoint));
    }

    [Fact]
    public void EpochsRecordedAfterTheCheckpointAreTrainedAgainToTheSameValues()
    {
        var whole = Train("whole", resume: false);
        var folder = new RunFolder(temp["whole"]);
        var weights = File.ReadAllBytes(folder.WeightsPath("selu", 1));

        var cut = Train("cut", resume: false, stopAt: p => p.Epoch == 3 && p.Batch == 1);
        Assert.NotNull(cut.Stopped);
        var cutFolder = new RunFolder(temp["cut"]);
        // As if killed after epoch 3's metrics were written but before its checkpoint replaced epoch 2's.
        File.Copy(folder.MetricsPath, cutFolder.MetricsPath, overwrite: true);
        var resumed = Train("cut", resume: true);
        Assert.Equal([3], resumed.FirstEpochs);
        Assert.Equal(whole.Metrics.Select(Values), resumed.Metrics.Select(Values));
        Assert.Equal(weights, File.ReadAllBytes(cutFolder.WeightsPath("selu", 1)));
    }

    [Fact]
    public void ADamagedCheckpointIsNotedAndTheTrainingStartsOver()
    {
        var stopped = Train("damaged", resume: false, stopAt: p => p.Epoch == 2 && p.Batch == 1);
        Assert.NotNull(stopped.Stopped);
        var folder = new RunFolder(temp["damaged"]);
        var path = folder.CheckpointPath("selu", 1);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        using var data = TrainingData.Load(settings);
        var comparison = new Comparison(settings, folder, data);
        comparison.Start(resume: true);
        var note = Assert.Single(comparison.ResumeNotes);
        Assert.Contains(path, note);
        Assert.Contains("starts over", note);
        Assert.Empty(comparison.Metrics);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ACheckpointOfAnotherTrainingIsRefusedNamingTheFile()
    {
        Train("other", resume: false, stopAt: p => p.Epoch == 2 && p.Batch == 1);
        var path = new RunFolder(temp["other"]).CheckpointPath("selu", 1);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadEpoch(path, new Checkpoint.Identity("relu", 1)));
        Assert.Contains(path, e.Message);
        Assert.Contains("belongs to selu seed 1", e.Message);

        File.WriteAllText(path, "not a checkpoint at all");
        e = Assert.Throws<CheckpointException>(() => Checkpoint.ReadEpoch(path, new Checkpoint.Identity("selu", 1)));
        Assert.Contains(path, e.Message);
    }

    private sealed class Watcher(Action<BatchProgress> onBatch) : ITrainingObserver
    {
        public List<int> FirstEpochs { get; } = new();

        public void RunStarted(string activation, long seed, int firstEpoch) => FirstEpochs.Add(firstEpoch);

        public void BatchCompleted(BatchProgress progress) => onBatch(progress);
    }
}
