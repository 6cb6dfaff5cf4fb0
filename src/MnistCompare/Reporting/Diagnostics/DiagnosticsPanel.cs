using MnistCompare.Reporting.Charts;
using ScottPlot;

namespace MnistCompare.Reporting.Diagnostics;

// What the diagnostics figures' panels share: their lines, their axes and how the whole figure becomes PNG bytes.
internal static class DiagnosticsPanel
{
    public static void AddLine(Plot plot, DiagnosticsSeries series)
    {
        var line = plot.Add.Scatter(series.Epochs, series.Values, HouseStyle.Diagnostics.ColorAt(series.ColorIndex));
        line.LegendText = series.Name;
        line.LineWidth = HouseStyle.Diagnostics.LineWidth;
        line.MarkerSize = HouseStyle.Diagnostics.MarkerSize;
        line.LinePattern = HouseStyle.Diagnostics.PatternAt(series.ColorIndex);
    }

    // Whole epochs only, with room around a single epoch.
    public static void EpochAxis(Plot plot, IReadOnlyList<DiagnosticsSeries> series)
    {
        var epochs = series.SelectMany(s => s.Epochs).DefaultIfEmpty(1).ToList();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(epochs.Min() - 0.5, epochs.Max() + 0.5);
    }

    // The values are log10 of the figure; the axis spans whole decades, labelled with the figure itself.
    public static void LogAxis(Plot plot, IReadOnlyList<DiagnosticsSeries> series)
    {
        var values = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => exponent is >= -3 and <= 3
                ? Math.Pow(10, exponent).ToString("G3", System.Globalization.CultureInfo.InvariantCulture)
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"1e{exponent:0}"),
        };
        plot.Axes.SetLimitsY(Math.Floor(values.Min()), Math.Max(Math.Ceiling(values.Max()), Math.Floor(values.Min()) + 1));
    }

    public static byte[] Png(Multiplot figure, int columns, int rows)
    {
        using var image = figure.Render(columns * HouseStyle.Diagnostics.PanelWidth, rows * HouseStyle.Diagnostics.PanelHeight);
        return image.GetImageBytes(ImageFormat.Png);
    }
}
