namespace MnistCompare.Reporting.Charts;

/// <summary>The rectangle of a drawing surface one chart occupies, in surface units (pixels for PNG).</summary>
public readonly record struct ChartBounds(double X, double Y, double Width, double Height);
