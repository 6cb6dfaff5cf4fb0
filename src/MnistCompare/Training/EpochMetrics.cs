namespace MnistCompare.Training;

// One row of metrics.csv: what one epoch of one activation × seed produced. ValidationSeconds is the part of Seconds
// the validation pass took; metrics.csv leaves it out (the file's columns stay those the plots and --resume read), so it
// is null for rows read back from a file and shown only by the progress display.
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
    double? ValidationSeconds = null);

// The outcome of a whole activation × seed run.
public sealed record RunOutcome(
    string Activation,
    long Seed,
    IReadOnlyList<EpochMetrics> Epochs,
    long ParameterCount,
    Divergence? Divergence,
    Evaluation? FinalTest);

// Where training stopped because the loss stopped being a finite number.
public sealed record Divergence(int Epoch, int Batch, double Loss);

public sealed record Evaluation(double Loss, double Accuracy);
