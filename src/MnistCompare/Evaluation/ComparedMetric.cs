using MnistCompare.Reporting;

namespace MnistCompare.Evaluation;

// A figure the activations are compared on, pair by pair: its column key, its words, where its per-seed values
// are in a summary row, and which direction is better.
public sealed record ComparedMetric(string Key, string Description, Func<ActivationSummary, Statistic?> Values, bool HigherIsBetter, bool IsAccuracy)
{
    public static readonly ComparedMetric FinalValidationAccuracy =
        new("final_val_acc", "final validation accuracy", s => s.FinalValAccuracy, HigherIsBetter: true, IsAccuracy: true);

    public static readonly ComparedMetric TestAccuracy =
        new("test_acc", "test accuracy", s => s.TestAccuracy, HigherIsBetter: true, IsAccuracy: true);

    // Test accuracy only where there is one (validation on a holdout): it is the figure the test set was kept for.
    public static IReadOnlyList<ComparedMetric> For(IReadOnlyList<ActivationSummary> rows) =>
        rows.Any(r => r.TestAccuracy is { Count: > 0 }) ? [FinalValidationAccuracy, TestAccuracy] : [FinalValidationAccuracy];
}
