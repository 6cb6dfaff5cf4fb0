using ScottPlot;

namespace MnistCompare.Reporting.Diagnostics;

// Every colour, font and size of the diagnostics figures, in one place, so that they can follow the house style of the
// other figures by editing this file alone.
internal static class DiagnosticsStyle
{
    public const string FontName = "DejaVu Sans";

    // tab10, the colours of the curve charts, in the same order of activations.
    private static readonly string[] Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    public const int PanelWidth = 560;
    public const int PanelHeight = 420;
    public const float TitleSize = 18;
    public const float AxisLabelSize = 15;
    public const float TickLabelSize = 13;
    public const float LegendSize = 13;
    public const float LineWidth = 2;
    public const float MarkerSize = 7;

    public static Color ColorAt(int index) => Color.FromHex(Palette[index % Palette.Length]);

    public static void Apply(Plot plot, string title, string xLabel, string yLabel)
    {
        plot.Title(title, TitleSize);
        plot.XLabel(xLabel, AxisLabelSize);
        plot.YLabel(yLabel, AxisLabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickLabelSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickLabelSize;
        plot.Legend.FontSize = LegendSize;
        plot.Font.Set(FontName);
    }
}
