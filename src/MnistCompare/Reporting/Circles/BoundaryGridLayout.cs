using MnistCompare.Reporting.Charts;

namespace MnistCompare.Reporting.Circles;

// Where everything of a grid of small multiples goes, in pixels: a header (title and notes), then up to Columns
// square panels per row from the left, each with its title above. Kept apart from the drawing so tests can find the panels in the PNG.
public sealed record BoundaryGridLayout(int PanelCount)
{
    public const int MaxColumns = 4;
    public const int PlotSize = 300;
    public const int PanelTitleHeight = 30;
    public const int Gap = 18;
    public const int Margin = 24;
    public const int HeaderHeight = 92;
    public const int MaxNoteLines = 2;

    // Wide enough for the title and the notes even when there are only one or two panels.
    public const int MinWidth = 2 * Margin + 2 * PlotSize + Gap;

    public int Columns => Math.Clamp(PanelCount, 1, MaxColumns);

    public int Rows => Math.Max(1, (PanelCount + Columns - 1) / Columns);

    public int Width => Math.Max(MinWidth, 2 * Margin + Columns * PlotSize + (Columns - 1) * Gap);

    public int Height => Margin + HeaderHeight + Rows * (PanelTitleHeight + PlotSize) + (Rows - 1) * Gap + Margin;

    /// <summary>The square in which panel <paramref name="index"/> draws its map, row by row from the top left.</summary>
    public ChartBounds Plot(int index)
    {
        var (row, column) = (index / Columns, index % Columns);
        return new ChartBounds(
            Margin + column * (PlotSize + Gap),
            Margin + HeaderHeight + row * (PanelTitleHeight + PlotSize + Gap) + PanelTitleHeight,
            PlotSize,
            PlotSize);
    }
}
