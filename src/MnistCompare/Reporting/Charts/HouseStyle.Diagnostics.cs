using ScottPlot;

namespace MnistCompare.Reporting.Charts;

public static partial class HouseStyle
{
    // The diagnostics figures (gradients, activation statistics): the curve charts' colours, patterns and font, in
    // panels of their own size.
    public static class Diagnostics
    {
        public const int PanelWidth = 560;
        public const int PanelHeight = 420;
        public const float TitleSize = 18;
        public const float AxisLabelSize = 15;
        public const float TickLabelSize = 13;
        public const float LegendSize = 13;
        public const float LineWidth = 2;
        public const float MarkerSize = 7;

        // The index-th activation of the run gets the colour it has in every other figure of the run.
        public static Color ColorAt(int index) => SeriesColor(index);

        public static LinePattern PatternAt(int index) => SeriesPattern(index);

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
}
