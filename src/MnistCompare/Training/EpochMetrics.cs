using MnistCompare.Evaluation;

namespace MnistCompare.Training;

// One row of metrics.csv: what one epoch of one activation × seed produced. A diverged epoch also records the
// batch whose loss was the first that was not a finite number; rows read from a metrics.csv written before that
// column existed have none. ValidationSeconds is the part of Seconds the validation pass took; metrics.csv leaves it
// out, so it is null for rows read back from a file and shown only by the progress display.
public sealed record EpochMetrics(
    string Activation,
    long Seed,
    int Epoch,
    double TrainLoss,
    double TrainAccuracy,
    double ValLoss,
    double ValAccuracy,
    double Seconds,
    bool Diverged = false,
    int? DivergedAtBatch = null,
    double? ValidationSeconds = null)
{
    // "epoch 3, batch 41", for the summary and the progress lines.
    public string DivergencePlace => DivergedAtBatch is { } batch ? $"epoch {Epoch}, batch {batch}" : $"epoch {Epoch}";
}

// The outcome of a whole activation × seed run; Evaluation is null when it diverged.
public sealed record RunOutcome(
    string Activation,
    long Seed,
    IReadOnlyList<EpochMetrics> Epochs,
    long ParameterCount,
    Divergence? Divergence,
    LossAndAccuracy? FinalTest,
    PairEvaluation? Evaluation = null);

// Where training stopped because the loss stopped being a finite number.
public sealed record Divergence(int Epoch, int Batch, double Loss);

// A model's mean loss and accuracy over one split (the name Evaluation is the layer's that breaks these down by class).
public sealed record LossAndAccuracy(double Loss, double Accuracy);
