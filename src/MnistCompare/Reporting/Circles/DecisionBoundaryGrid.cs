using MnistCompare.Circles;
using MnistCompare.Reporting.Charts;
using ScottPlot;

namespace MnistCompare.Reporting.Circles;

/// <summary>
/// Draws a <see cref="BoundaryFigure"/> as a grid of small multiples with ScottPlot: per panel the network's
/// probability as a heatmap, its 0.5 contour and the test points on top, the test accuracy in the panel title. One
/// <see cref="Multiplot"/> gives both the PNG and the SVG; the SVG also lists the panels as data
/// (<see cref="BoundaryGridMetadata"/>).
/// </summary>
public static class DecisionBoundaryGrid
{
    public static void Save(BoundaryFigure figure, string pngPath, string svgPath, PlotSize? size = null)
    {
        var layout = new BoundaryGridLayout(figure.Panels.Count, size);
        var grid = Build(figure, layout);
        try
        {
            FigureFiles.Write(grid, layout.Size, pngPath, svgPath, svg => BoundaryGridMetadata.AddTo(svg, figure, layout));
        }
        finally
        {
            foreach (var plot in grid.GetPlots()) plot.Dispose();
        }
    }

    public static Multiplot Build(BoundaryFigure figure, BoundaryGridLayout layout)
    {
        var grid = new Multiplot(Header(figure, layout)) { Layout = layout };
        foreach (var panel in figure.Panels) grid.AddPlot(Panel(panel, figure.Points, layout));
        return grid;
    }

    // The figure's title and notes as text on an empty plot the width of the figure.
    private static Plot Header(BoundaryFigure figure, BoundaryGridLayout layout)
    {
        var plot = new Plot();
        HouseStyle.Apply(plot, layout.Size);
        plot.ScaleFactor = layout.Scale;
        plot.Layout.Frameless();
        plot.HideAxesAndGrid();
        plot.Axes.SetLimits(0, 1, 0, 1);
        var width = (float)(layout.Header.Width / layout.Scale);
        var lines = new List<(string Text, float Size, bool Bold)> { (figure.Title, HouseStyle.TitleSize - 1, true) };
        lines.AddRange(figure.Notes.Take(BoundaryGridLayout.MaxNoteLines).Select(n => (n, HouseStyle.NoteSize + 1, false)));
        float offset = 0;
        foreach (var (text, fontSize, bold) in lines)
        {
            var label = plot.Add.Text(text, 0, 1);
            HouseStyle.Style(label.LabelStyle, fontSize, bold);
            if (!bold) label.LabelStyle.ForeColor = HouseStyle.NoteText;
            label.LabelStyle.Text = TextFit.Wrap(text, label.LabelStyle, width);
            label.Alignment = Alignment.UpperLeft;
            label.OffsetY = offset;
            offset += bold ? 34 : 20;
        }
        return plot;
    }

    private static Plot Panel(BoundaryPanel panel, LabelledPoints points, BoundaryGridLayout layout)
    {
        var map = panel.Map;
        var plot = new Plot();
        HouseStyle.Apply(plot, layout.Size);
        plot.ScaleFactor = layout.Scale;
        // The map fills the square under the title exactly; no ticks, the rings speak for themselves.
        plot.Layout.Fixed(layout.PanelPadding);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
            axis.MajorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
        }
        // The axes' own frame lines vanish when the axes take no room; the data border is drawn whatever the layout.
        plot.DataBorder = new LineStyle { Width = HouseStyle.FrameWidth, Color = HouseStyle.Frame };
        plot.HideGrid();
        HouseStyle.Style(plot.Axes.Title.Label, HouseStyle.PanelTitleSize);
        plot.Axes.Title.VerticalPadding = 8;
        plot.Axes.Title.Label.Text = TextFit.Wrap(panel.Title, plot.Axes.Title.Label, BoundaryGridLayout.PlotSide);

        var shading = plot.Add.Heatmap(Intensities(map));
        shading.Colormap = HouseStyle.ProbabilityShading;
        shading.ManualRange = new ScottPlot.Range(0, 1);
        shading.NaNCellColor = HouseStyle.Grid;
        shading.Extent = new CoordinateRect(-map.HalfWidth, map.HalfWidth, -map.HalfWidth, map.HalfWidth);
        shading.Smooth = true;

        plot.Add.Plottable(Boundary(map));

        AddPoints(plot, points, label: 0, HouseStyle.OuterRing);
        AddPoints(plot, points, label: 1, HouseStyle.InnerRing);
        plot.Axes.SetLimits(-map.HalfWidth, map.HalfWidth, -map.HalfWidth, map.HalfWidth);
        return plot;
    }

    // Each dot sits on a slightly larger white one, so that points of the two colours stay apart where they overlap
    // and orange dots stand out on the orange shading.
    private static void AddPoints(Plot plot, LabelledPoints points, int label, Color colour)
    {
        var chosen = Enumerable.Range(0, points.Count).Where(i => (points.Labels[i] > 0.5f) == (label == 1)).ToArray();
        if (chosen.Length == 0) return;
        var xs = chosen.Select(i => (double)points.X[i]).ToArray();
        var ys = chosen.Select(i => (double)points.Y[i]).ToArray();
        plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, HouseStyle.PointSize + 2 * HouseStyle.PointOutline, HouseStyle.Background);
        plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, HouseStyle.PointSize, colour);
    }

    /// <summary>The decision boundary: where the map crosses one half, traced by ScottPlot's marching squares.</summary>
    public static ScottPlot.Plottables.ContourLines Boundary(ProbabilityMap map)
    {
        var boundary = new ScottPlot.Plottables.ContourLines { ContourLineLevels = [0.5] };
        boundary.Update(Grid(map));
        boundary.LineColor = HouseStyle.BoundaryLine;
        boundary.LineWidth = HouseStyle.BoundaryLineWidth;
        boundary.LabelStyle.IsVisible = false;
        return boundary;
    }

    // Row 0 of the map is its top row, as row 0 of a heatmap is.
    private static double[,] Intensities(ProbabilityMap map)
    {
        var values = new double[map.Resolution, map.Resolution];
        for (var row = 0; row < map.Resolution; row++)
            for (var column = 0; column < map.Resolution; column++)
                values[row, column] = map.At(row, column);
        return values;
    }

    private static Coordinates3d[,] Grid(ProbabilityMap map)
    {
        var grid = new Coordinates3d[map.Resolution, map.Resolution];
        for (var row = 0; row < map.Resolution; row++)
            for (var column = 0; column < map.Resolution; column++)
                grid[row, column] = new Coordinates3d(map.X(column), map.Y(row), map.At(row, column));
        return grid;
    }
}
