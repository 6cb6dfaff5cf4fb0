namespace MnistCompare.Reporting.Charts;

/// <summary>One line of a chart. Points are drawn in the order given, so pass them sorted by x.</summary>
/// <param name="StyleIndex">Which colour and line pattern <see cref="HouseStyle"/> gives it: the activation's place in the run.</param>
/// <param name="Band">Optional spread around the line (min–max over seeds); same x order as the points.</param>
public sealed record Series(string Name, int StyleIndex, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<BandPoint>? Band = null)
{
    /// <summary>Said in the legend after the name, e.g. "diverged" for a run whose loss stopped being a number.</summary>
    public string? LegendNote { get; init; }

    public string LegendText => LegendNote is null ? Name : $"{Name} ({LegendNote})";
}
