namespace MnistCompare.Reporting.Charts;

/// <summary>One point of a series line: for multi-seed runs <paramref name="Y"/> is the mean over seeds.</summary>
public readonly record struct SeriesPoint(double X, double Y);
