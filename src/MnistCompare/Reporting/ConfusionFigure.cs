using System.Globalization;
using MnistCompare.Evaluation;
using ScottPlot;
using ScottPlot.TickGenerators;
using Style = MnistCompare.Reporting.Charts.HouseStyle.ClassifierFigures;

namespace MnistCompare.Reporting;

// confusion.png and confusion.svg: one heatmap per activation of its validation confusion matrix, seeds summed,
// every cell holding its count. The off-diagonal cells (the mistakes) share one colour scale across the panels, so
// the activations' mistakes compare at a glance; the diagonal (the correct predictions, a hundred times larger)
// is drawn apart in a neutral colour and would otherwise wash the scale out.
public static class ConfusionFigure
{
    public const string Name = "confusion";
    public const string Title = "Validation confusion matrices (rows: true class, columns: predicted)";

    public static void Render(RunFolder folder, IReadOnlyList<ActivationEvaluation> activations)
    {
        if (activations.Count == 0) return;
        var columns = Math.Min(Style.ConfusionColumns, activations.Count);
        var rows = (activations.Count + columns - 1) / columns;
        var (width, height) = (columns * Style.ConfusionPanelWidth, rows * Style.ConfusionPanelHeight);
        var scaleTop = Math.Max(1, activations.Max(a => MaxOffDiagonal(a.Confusion)));

        // Empty cells of the last row stay blank.
        var panels = activations.Select(a => Panel(a, scaleTop)).Concat(Enumerable.Range(0, rows * columns - activations.Count).Select(_ => Blank()));
        var figure = FigureFile.Multiplot(panels, new ScottPlot.MultiplotLayouts.Grid(rows, columns));

        FigureFile.WritePng(folder.PlotPath(Name, "png"), figure, width, height);
        FigureFile.WriteSvg(folder.PlotPath(Name, "svg"), figure, width, height, Title, activations.Select(PanelTitle).ToList());
    }

    public static string PanelTitle(ActivationEvaluation activation)
    {
        var seeds = activation.Seeds.Count == 1 ? $"seed {activation.Seeds[0]}" : $"{activation.Seeds.Count} seeds summed";
        return string.Create(CultureInfo.InvariantCulture, $"{ActivationDisplayName.Of(activation.Activation)} ({seeds}, {activation.MicroAccuracy * 100:F2}%)");
    }

    private static Plot Panel(ActivationEvaluation activation, long scaleTop)
    {
        var classes = activation.ClassCount;
        var plot = new Plot();
        plot.Font.Set(Style.FontName);
        plot.FigureBackground.Color = Style.Background;
        plot.HideGrid();

        // Row 0 of the heatmap is drawn at the top: true class t sits at y = classes - 1 - t.
        var mistakes = new double[classes, classes];
        for (var t = 0; t < classes; t++)
        {
            for (var p = 0; p < classes; p++) mistakes[t, p] = t == p ? double.NaN : activation.Confusion[t, p];
        }
        var heatmap = plot.Add.Heatmap(mistakes);
        heatmap.Colormap = Style.MistakeShades;
        heatmap.ManualRange = new ScottPlot.Range(0, scaleTop);
        heatmap.NaNCellColor = Colors.Transparent;
        // ScottPlot places the edge cells' centres on the extent: cell (t, p) is centred on (p, classes - 1 - t).
        heatmap.Extent = new CoordinateRect(0, classes - 1, 0, classes - 1);
        // Cells as rectangles, not a stretched bitmap: exact edges, and vector shapes in the SVG.
        heatmap.RenderStrategy = new ScottPlot.Plottables.Heatmap.RenderStrategies.Rectangles();

        for (var t = 0; t < classes; t++)
        {
            var y = classes - 1 - t;
            for (var p = 0; p < classes; p++)
            {
                var count = activation.Confusion[t, p];
                if (t == p)
                {
                    var cell = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                    cell.FillColor = Style.DiagonalFill;
                    cell.LineColor = Style.DiagonalOutline;
                    cell.LineWidth = Style.DiagonalOutlineWidth;
                }
                var text = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), p, y);
                text.Alignment = Alignment.MiddleCenter;
                text.LabelFontName = Style.FontName;
                text.LabelFontSize = Style.CellTextSize;
                text.LabelBold = t == p;
                text.LabelFontColor = t != p && count >= Style.DarkCellFraction * scaleTop ? Style.TextOnDark : Style.Text;
            }
        }

        var ticks = Enumerable.Range(0, classes).Select(c => (double)c).ToArray();
        var names = Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
        plot.Axes.Bottom.TickGenerator = new NumericManual(ticks, names);
        plot.Axes.Left.TickGenerator = new NumericManual(ticks.Select(y => classes - 1 - y).ToArray(), names);
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        plot.Axes.Bottom.TickLabelStyle.FontSize = Style.TickLabelSize;
        plot.Axes.Left.TickLabelStyle.FontSize = Style.TickLabelSize;
        plot.XLabel("predicted", Style.AxisLabelSize);
        plot.YLabel("true", Style.AxisLabelSize);
        plot.Title(PanelTitle(activation), Style.TitleSize);
        return plot;
    }

    private static Plot Blank()
    {
        var plot = new Plot();
        plot.FigureBackground.Color = Style.Background;
        plot.Layout.Frameless();
        plot.HideGrid();
        return plot;
    }

    private static long MaxOffDiagonal(long[,] confusion)
    {
        long max = 0;
        for (var t = 0; t < confusion.GetLength(0); t++)
        {
            for (var p = 0; p < confusion.GetLength(1); p++)
            {
                if (t != p) max = Math.Max(max, confusion[t, p]);
            }
        }
        return max;
    }
}
