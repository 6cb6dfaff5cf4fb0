namespace MnistCompare.Reporting.Charts;

/// <summary>A closed interval of data values shown along one axis.</summary>
public readonly record struct ValueRange
{
    public ValueRange(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || !(max > min))
            throw new ArgumentException($"An axis range needs finite min < max, got [{min}, {max}].");
        Min = min;
        Max = max;
    }

    public double Min { get; }

    public double Max { get; }

    public double Span => Max - Min;

    public bool Contains(double value) => value >= Min && value <= Max;
}
