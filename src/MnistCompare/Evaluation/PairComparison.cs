namespace MnistCompare.Evaluation;

// One row of comparisons.csv: activation First against Second on one metric over their seeds. Difference is
// First's mean minus Second's; P is Welch's two-sided p-value, HolmP the same adjusted for the metric's whole family
// of pairs. NaN p-values mean the pair could not be tested (fewer than two seeds on a side, or no variation at all).
public sealed record PairComparison(
    string Metric,
    string First,
    string Second,
    int FirstSeeds,
    int SecondSeeds,
    double FirstMean,
    double SecondMean,
    double T,
    double DegreesOfFreedom,
    double P,
    double HolmP)
{
    public const double SignificanceLevel = 0.05;

    public double Difference => FirstMean - SecondMean;

    public bool Testable => !double.IsNaN(HolmP);

    public bool Significant => HolmP < SignificanceLevel;
}
