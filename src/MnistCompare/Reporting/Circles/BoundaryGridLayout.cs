using MnistCompare.Reporting.Charts;
using ScottPlot;

namespace MnistCompare.Reporting.Circles;

/// <summary>
/// Where everything of a grid of small multiples goes: a header (title and notes), then up to <see cref="MaxColumns"/>
/// square panels per row from the left, each with its title above. Designed in units of <see cref="HouseStyle"/>'s
/// reference figure and scaled to the picture's size; kept apart from the drawing so tests can find the panels.
/// </summary>
public sealed class BoundaryGridLayout : IMultiplotLayout
{
    public const int MaxColumns = 4;
    public const int PlotSide = 300;
    public const int PanelTitleHeight = 30;
    public const int Gap = 18;
    public const int Margin = 24;
    public const int HeaderHeight = 92;
    public const int MaxNoteLines = 2;

    /// <summary>Without --plot-size the picture is the design enlarged by this much: about 1600 pixels for four columns.</summary>
    public const double DefaultScale = 1.25;

    // Wide enough for the title and the notes even when there are only one or two panels.
    private const int MinDesignWidth = 2 * Margin + 2 * PlotSide + Gap;

    public BoundaryGridLayout(int panelCount, PlotSize? size = null)
    {
        PanelCount = panelCount;
        Size = size ?? new PlotSize((int)Math.Round(DesignWidth * DefaultScale), (int)Math.Round(DesignHeight * DefaultScale));
        Scale = Math.Min(Size.Width / (double)DesignWidth, Size.Height / (double)DesignHeight);
    }

    public int PanelCount { get; }

    public PlotSize Size { get; }

    /// <summary>Pixels per design unit.</summary>
    public double Scale { get; }

    public int Columns => Math.Clamp(PanelCount, 1, MaxColumns);

    public int Rows => Math.Max(1, (PanelCount + Columns - 1) / Columns);

    public int DesignWidth => Math.Max(MinDesignWidth, 2 * Margin + Columns * PlotSide + (Columns - 1) * Gap);

    public int DesignHeight => Margin + HeaderHeight + Rows * (PanelTitleHeight + PlotSide) + (Rows - 1) * Gap + Margin;

    /// <summary>The header, in pixels.</summary>
    public PixelRect Header => Pixels(Margin, Margin, DesignWidth - 2 * Margin, HeaderHeight);

    /// <summary>The square in which panel <paramref name="index"/> draws its map, in pixels, row by row from the top left.</summary>
    public PixelRect Plot(int index)
    {
        var (row, column) = (index / Columns, index % Columns);
        return Pixels(Margin + column * (PlotSide + Gap), Margin + HeaderHeight + row * (PanelTitleHeight + PlotSide + Gap) + PanelTitleHeight,
            PlotSide, PlotSide);
    }

    /// <summary>
    /// Panel <paramref name="index"/>: its square with the title above and <see cref="FramePixels"/> around the other
    /// sides, so that the frame is drawn whole at any scale.
    /// </summary>
    public PixelRect Panel(int index)
    {
        var plot = Plot(index);
        return new PixelRect(plot.Left - FramePixels, plot.Right + FramePixels, plot.Bottom + FramePixels, plot.Top - TitlePixels);
    }

    /// <summary>The room around a panel's square as ScottPlot's fixed layout wants it, in design units.</summary>
    public PixelPadding PanelPadding
    {
        get
        {
            var frame = (float)(FramePixels / Scale);
            return new PixelPadding(frame, frame, frame, (float)(TitlePixels / Scale));
        }
    }

    private const int FramePixels = 2;

    private float TitlePixels => (float)Math.Round(PanelTitleHeight * Scale);

    // The multiplot's subplots are the header first, then the panels in order.
    PixelRect[] IMultiplotLayout.GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRect) =>
        Enumerable.Range(0, subplots.Count).Select(i => i == 0 ? Header : Panel(i - 1)).ToArray();

    // Whole pixels, so that frames are crisp and tests can find them.
    private PixelRect Pixels(double x, double y, double width, double height)
    {
        float At(double design) => (float)Math.Round(design * Scale);
        return new PixelRect(At(x), At(x) + At(width), At(y) + At(height), At(y));
    }
}
