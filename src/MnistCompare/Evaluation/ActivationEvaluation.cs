namespace MnistCompare.Evaluation;

// One activation's validation results over its seeds: the confusion matrices summed, ML.NET's macro, micro and
// top-2 accuracy averaged, the pairs of classes it mixes up most, and its most confident mistakes of any seed.
public sealed record ActivationEvaluation(
    string Activation,
    IReadOnlyList<long> Seeds,
    long[,] Confusion,
    double MacroAccuracy,
    double MicroAccuracy,
    double TopTwoAccuracy,
    IReadOnlyList<ConfusedPair> MostConfused,
    IReadOnlyList<ConfidentMistake> Mistakes)
{
    public const int ConfusedPairsShown = 3;

    public int ClassCount => Confusion.GetLength(0);

    // One per activation, in the order the activations first appear.
    public static IReadOnlyList<ActivationEvaluation> Of(IEnumerable<PairEvaluation> pairs) =>
        pairs.GroupBy(p => p.Activation).Select(group => Summed(group.Key, group.ToList())).ToList();

    private static ActivationEvaluation Summed(string activation, IReadOnlyList<PairEvaluation> seeds)
    {
        var validations = seeds.Select(s => s.Validation).ToList();
        var classes = validations.Max(v => v.ClassCount);
        var confusion = new long[classes, classes];
        foreach (var validation in validations)
        {
            for (var t = 0; t < validation.ClassCount; t++)
            {
                for (var p = 0; p < validation.ClassCount; p++) confusion[t, p] += validation.Confusion[t][p];
            }
        }
        var mostConfused = Enumerable.Range(0, classes)
            .SelectMany(t => Enumerable.Range(0, classes).Where(p => p != t && confusion[t, p] > 0).Select(p => new ConfusedPair(t, p, confusion[t, p])))
            .OrderByDescending(c => c.Count).ThenBy(c => c.TrueClass).ThenBy(c => c.PredictedClass)
            .Take(ConfusedPairsShown)
            .ToList();
        var mistakes = seeds.SelectMany(s => s.Mistakes).OrderByDescending(m => m.Confidence).Take(PairEvaluation.MistakesKept).ToList();
        return new ActivationEvaluation(activation, seeds.Select(s => s.Seed).ToList(), confusion,
            validations.Average(v => v.MacroAccuracy), validations.Average(v => v.MicroAccuracy),
            validations.Average(v => v.TopKAccuracy.Count > 1 ? v.TopKAccuracy[1] : double.NaN), mostConfused, mistakes);
    }
}
