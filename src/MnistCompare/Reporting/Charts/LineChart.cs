namespace MnistCompare.Reporting.Charts;

/// <summary>Everything a line chart shows; decisions that depend on the data (zoom, notes) are made by <see cref="LineChartPlot"/>.</summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series)
{
    /// <summary>A fixed y range; when null the range follows <see cref="YRangePolicy"/>.</summary>
    public ValueRange? YRange { get; init; }

    public YRangePolicy YRangePolicy { get; init; } = YRangePolicy.AllData;

    /// <summary>A fixed x range; when null it spans the data with a small margin.</summary>
    public ValueRange? XRange { get; init; }

    public bool ShowMarkers { get; init; }

    /// <summary>What the bands are, for the legend ("band: min–max over 3 seeds"); shown when some series has one.</summary>
    public string? BandDescription { get; init; }
}
