using System.Globalization;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Tick positions for an axis at "nice" steps (1, 2 or 5 × 10^k) that fall inside a range, plus labels for them.
/// </summary>
public sealed class NiceScale
{
    private static readonly int[] Mantissas = [1, 2, 5];

    // A step is kept as mantissa × 10^exponent rather than as a double, so that ticks can be computed as
    // (k × mantissa) / 10^-exponent: dividing two exactly representable integers rounds once, which gives the
    // double nearest to 0.95 instead of the 0.9500000000000001 that 95 × 0.01 produces.
    private readonly int _mantissa;
    private readonly int _exponent;

    private NiceScale(ValueRange range, int mantissa, int exponent)
    {
        Range = range;
        _mantissa = mantissa;
        _exponent = exponent;
        Step = ValueAt(1);
        Decimals = Math.Max(0, -exponent);
        Ticks = ComputeTicks();
    }

    public ValueRange Range { get; }

    public double Step { get; }

    /// <summary>Digits after the decimal point that every tick label needs (0 for integer steps).</summary>
    public int Decimals { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>
    /// Picks the 1/2/5 step whose tick count inside <paramref name="range"/> is closest (by ratio) to
    /// <paramref name="targetTickCount"/>, preferring fewer ticks on a tie.
    /// </summary>
    /// <param name="integerSteps">Only steps ≥ 1, for axes such as epochs where 2.5 makes no sense.</param>
    public static NiceScale Create(ValueRange range, int targetTickCount = 6, bool integerSteps = false)
    {
        targetTickCount = Math.Max(2, targetTickCount);
        int roughExponent = (int)Math.Floor(Math.Log10(range.Span / targetTickCount));

        NiceScale? best = null;
        for (int exponent = roughExponent - 1; exponent <= roughExponent + 1; exponent++)
        {
            if (integerSteps && exponent < 0)
                continue;
            foreach (int mantissa in Mantissas)
            {
                var candidate = new NiceScale(range, mantissa, exponent);
                if (best is null || IsBetter(candidate, best, targetTickCount))
                    best = candidate;
            }
        }
        return best ?? new NiceScale(range, 1, 0);
    }

    /// <summary>Formats a value with exactly <see cref="Decimals"/> decimals, so labels line up and carry no float noise.</summary>
    public string Format(double value)
    {
        // Tiny residues around zero would otherwise print as "-0.00".
        if (Math.Abs(value) < Step * 1e-9)
            value = 0;
        return value.ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    // Misses are compared as ratios because tick density is perceived that way: for a target of 6, 8 ticks
    // (×1.33) are closer than 4 (×0.67), although both are 2 away.
    private static bool IsBetter(NiceScale candidate, NiceScale best, int target)
    {
        double candidateMiss = Math.Abs(Math.Log(Math.Max(candidate.Ticks.Count, 1) / (double)target));
        double bestMiss = Math.Abs(Math.Log(Math.Max(best.Ticks.Count, 1) / (double)target));
        return candidateMiss < bestMiss || (candidateMiss == bestMiss && candidate.Ticks.Count < best.Ticks.Count);
    }

    private double ValueAt(long k) => _exponent >= 0
        ? k * _mantissa * Math.Pow(10, _exponent)
        : (double)(k * _mantissa) / Math.Pow(10, -_exponent);

    private List<double> ComputeTicks()
    {
        // The tolerance keeps a tick that sits on the range boundary but is off by rounding, e.g. 1.0 for [0.9, 1.0].
        double tolerance = Step * 1e-9;
        long first = (long)Math.Ceiling((Range.Min - tolerance) / Step);
        long last = (long)Math.Floor((Range.Max + tolerance) / Step);
        var ticks = new List<double>();
        for (long k = first; k <= last && ticks.Count <= 1000; k++)
            ticks.Add(ValueAt(k));
        return ticks;
    }
}
