using MathNet.Numerics.Distributions;

namespace MnistCompare.Evaluation;

// The 95% confidence interval of a mean over a handful of seeds. With so few values the normal approximation is far
// too narrow (1.96 against 12.71 standard errors for two seeds), so the half-width comes from Student's t with n−1
// degrees of freedom.
public readonly record struct ConfidenceInterval(double Low, double High)
{
    public const double Level = 0.95;

    public double HalfWidth => (High - Low) / 2;

    // Undefined (NaN bounds) for fewer than two values: one seed says nothing about the spread between seeds.
    public static ConfidenceInterval OfMean(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return new ConfidenceInterval(double.NaN, double.NaN);
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        var halfWidth = CriticalValue(values.Count - 1) * Math.Sqrt(variance / values.Count);
        return new ConfidenceInterval(mean - halfWidth, mean + halfWidth);
    }

    // t such that P(|T| ≤ t) = 95% for T ~ Student t with `degreesOfFreedom`.
    public static double CriticalValue(double degreesOfFreedom) =>
        StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - Level) / 2);

    // What a chart's band around a mean curve is, in the words its legend or note shows.
    public static string BandLabel(int seeds) => $"band: 95% CI of the mean over {seeds} seeds";
}
