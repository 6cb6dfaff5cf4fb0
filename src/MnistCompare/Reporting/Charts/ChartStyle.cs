namespace MnistCompare.Reporting.Charts;

// Sizes tuned on a 1600×1000 chart and scaled with the target rectangle, so a smaller panel (a future grid
// of small multiples) keeps the same proportions instead of drowning in oversized text.
internal sealed record ChartStyle(double Scale)
{
    public const double ReferenceWidth = 1600;
    public const double ReferenceHeight = 1000;

    public static ChartStyle For(ChartBounds bounds) =>
        new(Math.Min(bounds.Width / ReferenceWidth, bounds.Height / ReferenceHeight));

    public double OuterPadding => 30 * Scale;
    public double Gap => 14 * Scale;

    public double TitleFontSize => 38 * Scale;
    public double AxisLabelFontSize => 30 * Scale;
    public double TickLabelFontSize => 25 * Scale;
    public double LegendFontSize => 25 * Scale;
    public double NoteFontSize => 21 * Scale;

    public double SeriesLineWidth => 2.5 * Scale;
    public double MarkerRadius => 4.5 * Scale;
    public const double BandAlpha = 0.18;

    // Whole-pixel widths keep grid and frame lines crisp in the PNG.
    public double GridLineWidth => Math.Max(1, Math.Round(1 * Scale));
    public double FrameLineWidth => Math.Max(1, Math.Round(1.5 * Scale));
    public double TickLength => 8 * Scale;

    // Pixels per tick the axes aim for; the y axis gets more room per tick because its labels stack.
    public double PixelsPerXTick => 130 * Scale;
    public double PixelsPerYTick => 120 * Scale;

    public double LegendInset => 16 * Scale;
    public double LegendPadding => 14 * Scale;
    public double LegendSwatchLength => 44 * Scale;
    public const double LegendRowSpacing = 1.35;
    public const double LegendBackgroundAlpha = 0.85;

    public static ChartColor Background { get; } = new(255, 255, 255);
    public static ChartColor Text { get; } = new(26, 26, 26);
    public static ChartColor NoteText { get; } = new(95, 95, 95);
    public static ChartColor Grid { get; } = new(221, 221, 221);
    public static ChartColor Frame { get; } = new(51, 51, 51);
    public static ChartColor LegendBorder { get; } = new(204, 204, 204);
}
