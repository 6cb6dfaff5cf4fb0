using MnistCompare.Reporting;

namespace MnistCompare.Evaluation;

// Every pair of activations on each compared metric: Welch's t-test on their per-seed values, then Holm's adjustment
// over the metric's pairs, so that "significant" holds for the whole table at once and not for each line alone.
public static class PairwiseComparisons
{
    public static IReadOnlyList<PairComparison> Compare(IReadOnlyList<ActivationSummary> rows) =>
        ComparedMetric.For(rows).SelectMany(metric => Compare(metric, rows)).ToList();

    public static IReadOnlyList<PairComparison> Compare(ComparedMetric metric, IReadOnlyList<ActivationSummary> rows)
    {
        var pairs = new List<PairComparison>();
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = i + 1; j < rows.Count; j++)
            {
                var first = metric.Values(rows[i])?.Values ?? [];
                var second = metric.Values(rows[j])?.Values ?? [];
                var test = WelchTest.Of(first, second);
                pairs.Add(new PairComparison(metric.Key, rows[i].Activation, rows[j].Activation, first.Count, second.Count,
                    first.Count > 0 ? first.Average() : double.NaN, second.Count > 0 ? second.Average() : double.NaN,
                    test.T, test.DegreesOfFreedom, test.P, double.NaN));
            }
        }
        var adjusted = HolmAdjustment.Adjust(pairs.Select(p => p.P).ToList());
        return pairs.Select((p, k) => p with { HolmP = adjusted[k] }).ToList();
    }
}
