namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Corner of the plot area holding the legend. Pick the emptiest one: accuracy curves leave the lower right
/// free, loss curves the upper right, activation functions the upper left.
/// </summary>
public enum LegendPosition
{
    TopRight,
    BottomRight,
    TopLeft,
    BottomLeft,
}
