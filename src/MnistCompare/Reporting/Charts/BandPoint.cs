namespace MnistCompare.Reporting.Charts;

/// <summary>The spread of a series at one x, e.g. the min and max over seeds.</summary>
public readonly record struct BandPoint(double X, double Low, double High);
