using System.Globalization;
using MnistCompare.Reporting;

namespace MnistCompare.Evaluation;

// The comparisons in plain words: which activations are better than which at the 5% level, which differences the
// seeds cannot tell apart, and, with one seed, that there is nothing to claim.
public static class ComparisonSentences
{
    public static IReadOnlyList<string> Describe(IReadOnlyList<ActivationSummary> rows, IReadOnlyList<PairComparison> comparisons)
    {
        if (rows.Count < 2) return ["Only one activation: there is nothing to compare it with."];
        if (rows.All(r => r.Seeds < 2))
        {
            return ["With one seed per activation no comparison can be made: a single run says nothing about how much a change " +
                    "of seed alone moves the figures, so no difference here can be told from chance. Run with --seeds 2 or more " +
                    "(5 or more gives useful intervals)."];
        }
        var lines = new List<string>();
        foreach (var metric in ComparedMetric.For(rows))
        {
            // A blank line ends the list above: in Markdown the next metric's heading would otherwise join its last item.
            if (lines.Count > 0) lines.Add("");
            var family = comparisons.Where(c => c.Metric == metric.Key).ToList();
            var tested = family.Count(c => c.Testable);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"On **{metric.Description}** (Welch's t-test, p-values Holm-adjusted over {tested} pair{(tested == 1 ? "" : "s")}, 5% level):"));
            var better = family.Where(c => c.Significant).OrderBy(c => c.HolmP).ToList();
            foreach (var c in better)
            {
                var firstWins = metric.HigherIsBetter == c.Difference > 0;
                var (winner, loser) = firstWins ? (c.First, c.Second) : (c.Second, c.First);
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"- {winner} is better than {loser} by {Amount(metric, Math.Abs(c.Difference))} (adjusted p {P(c.HolmP)})."));
            }
            if (better.Count == 0) lines.Add("- No activation is significantly better than another.");
            var unclear = family.Where(c => c.Testable && !c.Significant).ToList();
            if (unclear.Count > 0)
            {
                lines.Add("- The seeds cannot tell these apart: " + string.Join("; ", unclear.Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"{c.First} and {c.Second} (adjusted p {P(c.HolmP)})"))) + ".");
            }
            var untestable = family.Where(c => !c.Testable).ToList();
            if (untestable.Count > 0)
            {
                lines.Add("- Not tested (fewer than two finished seeds on a side, or no variation between seeds): " +
                          string.Join("; ", untestable.Select(c => $"{c.First} and {c.Second}")) + ".");
            }
        }
        return lines;
    }

    private static string Amount(ComparedMetric metric, double difference) => metric.IsAccuracy
        ? string.Create(CultureInfo.InvariantCulture, $"{difference * 100:F2} points")
        : difference.ToString("G3", CultureInfo.InvariantCulture);

    // "= 0.012" or "< 0.001": three decimals say all a 5% decision needs.
    internal static string P(double p) => p < 0.001 ? "< 0.001" : "= " + p.ToString("F3", CultureInfo.InvariantCulture);
}
