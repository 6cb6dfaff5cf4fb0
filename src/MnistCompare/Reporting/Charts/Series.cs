namespace MnistCompare.Reporting.Charts;

/// <summary>One line of a chart. Points are drawn in the order given, so pass them sorted by x.</summary>
/// <param name="Band">Optional shaded spread around the line (what it is: LineChart.BandLabel); same x order as the points.</param>
public sealed record Series(string Name, ChartColor Color, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<BandPoint>? Band = null);
