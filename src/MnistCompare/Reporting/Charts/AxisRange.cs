namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Chooses y-axis ranges from the series' points (each series in x order). Non-finite values are ignored.
/// </summary>
/// <remarks>
/// The zoom policy exists because one series that learns late (sigmoid sitting at 0.11 accuracy for a few
/// epochs) would otherwise stretch the axis so far that the differences between the other series, the
/// interesting part, shrink to a few pixels. It only ever trims the "bad" tail (low accuracy, high loss); the
/// good end stays at the data extreme. For accuracy (loss is the mirror image):
/// <list type="number">
/// <item>The core to keep readable reaches down to the lower of: the median over series at each x (the typical
/// learning curve, epoch 1 included) and every series' second half (its converged part, final epoch included).</item>
/// <item>Below the core the axis may extend by <see cref="TailAllowance"/> of the core's span, down to the
/// lowest value within that allowance; values further down are cut.</item>
/// <item>The cut is made only if it at least halves the axis span (<see cref="MinimumZoomGain"/>); otherwise
/// everything is shown, so an ordinary spread of first-epoch values is never trimmed.</item>
/// <item>Pad <see cref="PaddingFraction"/> of the span on both sides, then clamp to the metric's domain
/// ([0, 1] for accuracy, ≥ 0 for loss).</item>
/// </list>
/// A single series is never trimmed (it is its own median). Points that end up outside are clipped at the
/// plot border, and the renderer says so in a note on the chart.
/// </remarks>
public static class AxisRange
{
    public const double TailAllowance = 0.5;
    public const double MinimumZoomGain = 2.0;
    public const double PaddingFraction = 0.05;

    /// <param name="extraValues">Values that must not steer the zoom but are shown when inside it (band limits).</param>
    public static ValueRange Choose(YRangePolicy policy, IReadOnlyList<IReadOnlyList<SeriesPoint>> series, IEnumerable<double>? extraValues = null) =>
        policy switch
        {
            YRangePolicy.Accuracy => ForAccuracy(series, extraValues),
            YRangePolicy.Loss => ForLoss(series, extraValues),
            _ => ForAllData(series, extraValues),
        };

    /// <summary>Every value visible, padded.</summary>
    public static ValueRange ForAllData(IReadOnlyList<IReadOnlyList<SeriesPoint>> series, IEnumerable<double>? extraValues = null)
    {
        var all = FiniteValues(series, extraValues);
        return all.Count == 0 ? new ValueRange(0, 1) : Pad(all.Min(), all.Max());
    }

    /// <summary>Higher is better: a far-lagging low tail may be cut; the result stays inside [0, 1].</summary>
    public static ValueRange ForAccuracy(IReadOnlyList<IReadOnlyList<SeriesPoint>> series, IEnumerable<double>? extraValues = null)
    {
        var all = FiniteValues(series, extraValues);
        if (all.Count == 0)
            return new ValueRange(0, 1);
        return Pad(RobustLowerBound(series, all), all.Max(), floor: 0, ceiling: 1);
    }

    /// <summary>Lower is better: a far-above high tail (early-epoch spikes) may be cut; the result stays ≥ 0.</summary>
    public static ValueRange ForLoss(IReadOnlyList<IReadOnlyList<SeriesPoint>> series, IEnumerable<double>? extraValues = null)
    {
        var all = FiniteValues(series, extraValues);
        if (all.Count == 0)
            return new ValueRange(0, 1);
        // The upper tail of the values is the lower tail of their negations.
        var negated = series.Select(s => (IReadOnlyList<SeriesPoint>)s.Select(p => p with { Y = -p.Y }).ToArray()).ToArray();
        double upper = -RobustLowerBound(negated, all.Select(v => -v).ToList());
        return Pad(all.Min(), upper, floor: 0);
    }

    /// <summary>
    /// The lowest value to show (steps 1–3 of the policy): the minimum of <paramref name="allFinite"/> unless
    /// cutting the far low tail at least halves the span.
    /// </summary>
    /// <param name="allFinite">The finite y values of <paramref name="series"/> plus any extra values to show.</param>
    public static double RobustLowerBound(IReadOnlyList<IReadOnlyList<SeriesPoint>> series, IReadOnlyList<double> allFinite)
    {
        double min = allFinite.Min();
        double max = allFinite.Max();

        double coreLow = double.PositiveInfinity;
        foreach (var points in series)
        {
            var late = points.Skip(points.Count / 2).Select(p => p.Y).Where(double.IsFinite).ToArray();
            if (late.Length > 0)
                coreLow = Math.Min(coreLow, late.Min());
        }
        var typicalCurve = series.SelectMany(s => s)
            .Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y))
            .GroupBy(p => p.X)
            .Select(atX => Median(atX.Select(p => p.Y).ToArray()));
        foreach (double median in typicalCurve)
            coreLow = Math.Min(coreLow, median);
        if (double.IsInfinity(coreLow))
            return min;

        double limit = coreLow - TailAllowance * (max - coreLow);
        double lower = allFinite.Where(v => v >= limit).Min();
        bool zoomPaysOff = max - min >= MinimumZoomGain * (max - lower);
        return zoomPaysOff ? lower : min;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
            throw new ArgumentException("No values.", nameof(values));
        var sorted = values.Order().ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// Widens [min, max] by <see cref="PaddingFraction"/> of its span on each side (a flat line gets a span
    /// from its magnitude), then clamps to the optional domain limits.
    /// </summary>
    public static ValueRange Pad(double min, double max, double? floor = null, double? ceiling = null)
    {
        double span = max - min;
        double padding = span > 0 ? span * PaddingFraction : Math.Max(Math.Abs(min), 1.0) * PaddingFraction;
        double lower = min - padding;
        double upper = max + padding;
        if (floor is double f)
            lower = Math.Max(lower, f);
        if (ceiling is double c)
            upper = Math.Min(upper, c);
        // Clamping cannot collapse the range unless the data sits outside the domain; fall back to the padding.
        return upper > lower ? new ValueRange(lower, upper) : new ValueRange(min - padding, max + padding);
    }

    /// <summary>How many finite values fall below and above the range, e.g. for the "y-axis zoomed" note.</summary>
    public static (int Below, int Above) CountOutside(IEnumerable<double> values, ValueRange range)
    {
        int below = 0, above = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
                continue;
            if (v < range.Min)
                below++;
            else if (v > range.Max)
                above++;
        }
        return (below, above);
    }

    private static List<double> FiniteValues(IReadOnlyList<IReadOnlyList<SeriesPoint>> series, IEnumerable<double>? extraValues) =>
        series.SelectMany(s => s.Select(p => p.Y)).Concat(extraValues ?? []).Where(double.IsFinite).ToList();
}
