namespace MnistCompare.Evaluation;

// Holm's step-down adjustment: fifteen pairs tested at 5% each would find a "difference" by chance alone about half
// the time; adjusted p-values below 5% keep the chance of any false claim in the whole family at 5%. It is uniformly
// more powerful than Bonferroni and needs no assumption about how the tests depend on each other.
public static class HolmAdjustment
{
    // Adjusted p-values in the order given. NaN entries (pairs that could not be tested) stay NaN and do not count
    // towards the family's size.
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var adjusted = pValues.Select(_ => double.NaN).ToArray();
        var order = Enumerable.Range(0, pValues.Count).Where(i => !double.IsNaN(pValues[i])).OrderBy(i => pValues[i]).ToList();
        var running = 0.0;
        for (var rank = 0; rank < order.Count; rank++)
        {
            // The k-th smallest is multiplied by the number of hypotheses not yet rejected; the running maximum keeps
            // the adjusted values in the same order as the raw ones.
            running = Math.Max(running, Math.Min(1, (order.Count - rank) * pValues[order[rank]]));
            adjusted[order[rank]] = running;
        }
        return adjusted;
    }
}
