using MnistCompare.Tests.Cli;
using MnistCompare.Training;

namespace MnistCompare.Tests.Training;

// The trainer itself, watched batch by batch: divergence is declared on the first batch whose loss is not a
// finite number, not later, and that batch is the one recorded.
[Collection(AppCollection.Name)]
public sealed class FirstNonFiniteLossTests
{
    // See DivergedRun: with this rate ReLU's loss stops being finite within the first epoch.
    private static readonly RunSettings Settings = new() { Activations = ["relu"], Epochs = 2, TrainLimit = 1000, LearningRate = 1e20 };

    private sealed class Recorder : ITrainingObserver
    {
        public List<BatchProgress> Batches { get; } = new();

        public List<EpochMetrics> Epochs { get; } = new();

        public void BatchCompleted(BatchProgress progress) => Batches.Add(progress);

        public void EpochCompleted(EpochMetrics metrics) => Epochs.Add(metrics);
    }

    [Fact]
    public void TheFirstNonFiniteLossStopsTheRunAndItsBatchIsRecorded()
    {
        var recorder = new Recorder();
        RunOutcome outcome;
        using (var data = TrainingData.Load(Settings))
        {
            outcome = new Trainer(Settings, data, recorder).Train("relu", 1, TrainingFiles.None, Array.Empty<EpochMetrics>());
        }

        var divergence = Assert.IsType<Divergence>(outcome.Divergence);
        Assert.False(double.IsFinite(divergence.Loss));
        Assert.Equal(1, divergence.Epoch);
        // Every batch before it completed with a finite loss, and none after it ran.
        Assert.Equal(Enumerable.Range(1, divergence.Batch - 1), recorder.Batches.Select(b => b.Batch));
        Assert.All(recorder.Batches, b => Assert.True(double.IsFinite(b.RunningLoss), $"batch {b.Batch}: {b.RunningLoss}"));
        // One diverged epoch, carrying the batch, and no second epoch.
        var epoch = Assert.Single(recorder.Epochs);
        Assert.Equal((1, true, (int?)divergence.Batch), (epoch.Epoch, epoch.Diverged, epoch.DivergedAtBatch));
        Assert.Equal($"epoch 1, batch {divergence.Batch}", epoch.DivergencePlace);
        Assert.Equal([epoch], outcome.Epochs);
    }
}
