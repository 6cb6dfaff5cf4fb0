namespace MnistCompare.Training;

// Where one activation × seed training keeps its trained weights and its per-epoch checkpoint; null leaves
// that file out (tests that only want the metrics).
public sealed record TrainingFiles(string? WeightsPath, string? CheckpointPath)
{
    public static readonly TrainingFiles None = new(null, null);
}
