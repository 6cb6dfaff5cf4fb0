using System.Globalization;
using ScottPlot;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// ScottPlot's automatic ticks, labelled with one number of decimals for the whole axis ("0.990" beside "0.992",
/// not "0.99"), a true minus sign, and no minor ticks: a column of tick labels then reads like a table.
/// </summary>
public sealed class EvenTickLabels(int targetCount, bool integersOnly = false) : ITickGenerator
{
    private const int MaxDecimals = 6;

    private readonly ScottPlot.TickGenerators.NumericAutomatic automatic = new()
    {
        TargetTickCount = targetCount,
        IntegerTicksOnly = integersOnly,
    };

    public Tick[] Ticks { get; private set; } = [];

    public int MaxTickCount
    {
        get => automatic.MaxTickCount;
        set => automatic.MaxTickCount = value;
    }

    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        automatic.Regenerate(range, edge, size, paint, labelStyle);
        var positions = automatic.Ticks.Where(t => t.IsMajor).Select(t => t.Position).ToArray();
        int decimals = Decimals(positions);
        Ticks = positions.Select(p => Tick.Major(p, Format(p, decimals))).ToArray();
    }

    /// <summary>The fewest decimals that write every position exactly (to rounding noise).</summary>
    public static int Decimals(IReadOnlyList<double> positions)
    {
        double scale = positions.Select(Math.Abs).DefaultIfEmpty(1).Max();
        for (int decimals = 0; decimals < MaxDecimals; decimals++)
        {
            if (positions.All(p => Math.Abs(Math.Round(p, decimals) - p) <= 1e-9 * Math.Max(scale, 1e-300)))
                return decimals;
        }
        return MaxDecimals;
    }

    public static string Format(double value, int decimals)
    {
        // −0.000 is a rounding artefact, not a value.
        if (Math.Round(value, decimals) == 0) value = 0;
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('-', '\u2212');
    }
}
