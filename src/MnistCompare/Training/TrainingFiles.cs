using MnistCompare.Reporting;

namespace MnistCompare.Training;

// Where one activation × seed training keeps its trained weights, its per-epoch checkpoint and the evaluation of its
// final model; null leaves that file out (tests that only want the metrics).
public sealed record TrainingFiles(string? WeightsPath, string? CheckpointPath, PairEvaluationFiles? Evaluation = null)
{
    public static readonly TrainingFiles None = new(null, null);
}
