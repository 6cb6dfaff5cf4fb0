namespace MnistCompare.Reporting.Charts;

// Maps data coordinates into the plot rectangle (y grows downwards on the surface).
internal readonly record struct PlotTransform(ChartBounds Plot, ValueRange X, ValueRange Y)
{
    // Points far outside the zoomed range can map to coordinates beyond cairo's 24.8 fixed-point limit
    // (about ±8 million units), which corrupts the path. Clamping a million units beyond the plot keeps the
    // visible part of such a segment within a pixel of its true slope while staying far inside that limit.
    private const double FarAway = 1e6;

    public double Left => Plot.X;
    public double Right => Plot.X + Plot.Width;
    public double Top => Plot.Y;
    public double Bottom => Plot.Y + Plot.Height;

    public double ToPixelX(double x) =>
        Math.Clamp(Left + (x - X.Min) / X.Span * Plot.Width, Left - FarAway, Right + FarAway);

    public double ToPixelY(double y) =>
        Math.Clamp(Bottom - (y - Y.Min) / Y.Span * Plot.Height, Top - FarAway, Bottom + FarAway);
}
