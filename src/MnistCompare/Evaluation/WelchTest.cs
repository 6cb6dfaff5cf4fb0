using MathNet.Numerics.Distributions;

namespace MnistCompare.Evaluation;

// Welch's two-sample t-test: are two means different, without assuming the two spreads are equal (one activation
// can be far steadier across seeds than another). Two-sided.
public readonly record struct WelchTest(double T, double DegreesOfFreedom, double P)
{
    // NaN throughout when either side has fewer than two values, or neither varies: then there is nothing to test.
    public static WelchTest Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return new WelchTest(double.NaN, double.NaN, double.NaN);
        var (meanA, varianceOfMeanA) = MeanAndVarianceOfMean(a);
        var (meanB, varianceOfMeanB) = MeanAndVarianceOfMean(b);
        var varianceOfDifference = varianceOfMeanA + varianceOfMeanB;
        if (!(varianceOfDifference > 0)) return new WelchTest(double.NaN, double.NaN, double.NaN);
        var t = (meanA - meanB) / Math.Sqrt(varianceOfDifference);
        // Welch–Satterthwaite: the t distribution whose spread best matches that of the estimated difference.
        var df = varianceOfDifference * varianceOfDifference /
                 (varianceOfMeanA * varianceOfMeanA / (a.Count - 1) + varianceOfMeanB * varianceOfMeanB / (b.Count - 1));
        var p = 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new WelchTest(t, df, Math.Min(1, p));
    }

    private static (double Mean, double VarianceOfMean) MeanAndVarianceOfMean(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return (mean, variance / values.Count);
    }
}
