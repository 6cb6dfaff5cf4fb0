using MnistCompare.Evaluation;

namespace MnistCompare.Training;

// What a running training tells the outside world (the progress display, the run folder writer).
public interface ITrainingObserver
{
    void RunStarted(string activation, long seed, int firstEpoch) { }

    void BatchCompleted(BatchProgress progress) { }

    // Just before EpochCompleted, when diagnostics are on: the epoch's rows of diagnostics.csv.
    void DiagnosticsMeasured(IReadOnlyList<LayerDiagnostics> rows) { }

    void EpochCompleted(EpochMetrics metrics) { }
}

public sealed record BatchProgress(string Activation, long Seed, int Epoch, int Batch, int Batches, double RunningLoss, double ImagesPerSecond);
