namespace MnistCompare.Reporting.Charts;

/// <summary>How the y-axis range is chosen when a chart does not fix one; see <see cref="AxisRange"/>.</summary>
public enum YRangePolicy
{
    /// <summary>Every value visible.</summary>
    AllData,

    /// <summary>Values in [0, 1], higher is better: a series lagging far below may be cut off at the bottom.</summary>
    Accuracy,

    /// <summary>Values ≥ 0, lower is better: early spikes far above the rest may be cut off at the top.</summary>
    Loss,
}
