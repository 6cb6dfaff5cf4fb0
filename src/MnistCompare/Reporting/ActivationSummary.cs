using MnistCompare.Evaluation;
using MnistCompare.Training;

namespace MnistCompare.Reporting;


// One activation's line of the summary, aggregated over its seeds (mean, and the spread when there are several).
public sealed record ActivationSummary(
    string Activation,
    int Seeds,
    int EpochsDone,
    Statistic BestValAccuracy,
    Statistic FinalValAccuracy,
    Statistic FinalValLoss,
    double SecondsPerEpoch,
    long ParameterCount,
    IReadOnlyList<string> Divergences,
    Statistic? TestAccuracy)
{
    // Rows in the order the activations were first seen (the order the user asked for).
    public static IReadOnlyList<ActivationSummary> FromMetrics(IEnumerable<EpochMetrics> metrics, Func<string, long> parameterCount,
        IReadOnlyDictionary<(string Activation, long Seed), LossAndAccuracy>? finalTests = null)
    {
        return metrics
            .GroupBy(m => m.Activation)
            .Select(activation =>
            {
                var runs = activation.GroupBy(m => m.Seed).Select(seed => seed.OrderBy(m => m.Epoch).ToList()).ToList();
                var healthy = runs.Select(r => r.Where(m => !m.Diverged).ToList()).Where(r => r.Count > 0).ToList();
                var divergences = runs.Where(r => r.Any(m => m.Diverged))
                    .Select(r => $"seed {r[0].Seed} at {r.First(m => m.Diverged).DivergencePlace}").ToList();
                var tests = finalTests?.Where(t => t.Key.Activation == activation.Key).Select(t => t.Value.Accuracy).ToList();
                return new ActivationSummary(
                    activation.Key,
                    runs.Count,
                    runs.Max(r => r.Count),
                    Statistic.Of(healthy.Select(r => r.Max(m => m.ValAccuracy))),
                    Statistic.Of(healthy.Select(r => r[^1].ValAccuracy)),
                    Statistic.Of(healthy.Select(r => r[^1].ValLoss)),
                    activation.Where(m => !m.Diverged).Select(m => m.Seconds).DefaultIfEmpty(double.NaN).Average(),
                    parameterCount(activation.Key),
                    divergences,
                    tests is { Count: > 0 } ? Statistic.Of(tests) : null);
            })
            .ToList();
    }
}

// A mean with the minimum, maximum and standard deviation of the values behind it, and its 95% confidence interval
// (Student t; NaN bounds for fewer than two values). The values themselves are kept for the pairwise tests.
public sealed record Statistic(double Mean, double Min, double Max, double StandardDeviation, int Count)
{
    public IReadOnlyList<double> Values { get; init; } = [];

    public ConfidenceInterval Interval => ConfidenceInterval.OfMean(Values);

    public static Statistic Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count == 0) return new Statistic(double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var mean = list.Average();
        var variance = list.Count > 1 ? list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1) : 0;
        return new Statistic(mean, list.Min(), list.Max(), Math.Sqrt(variance), list.Count) { Values = list };
    }
}
