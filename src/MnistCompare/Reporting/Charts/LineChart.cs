namespace MnistCompare.Reporting.Charts;

/// <summary>Everything a line chart shows; rendering decisions that depend on the data (ticks, zoom) are made by the renderer.</summary>
public sealed record LineChart(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Series)
{
    /// <summary>A fixed y range; when null the range follows <see cref="YRangePolicy"/>.</summary>
    public ValueRange? YRange { get; init; }

    public YRangePolicy YRangePolicy { get; init; } = YRangePolicy.AllData;

    /// <summary>A fixed x range; when null it spans the data with a small margin.</summary>
    public ValueRange? XRange { get; init; }

    public LegendPosition Legend { get; init; } = LegendPosition.TopRight;

    public bool ShowMarkers { get; init; }

    /// <summary>What the series' bands are ("band: 95% CI of the mean over 3 seeds"), shown in the chart's note.</summary>
    public string? BandLabel { get; init; }
}
