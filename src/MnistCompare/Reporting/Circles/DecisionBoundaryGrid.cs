using MnistCompare.Reporting.Charts;

namespace MnistCompare.Reporting.Circles;

/// <summary>
/// Draws a <see cref="BoundaryFigure"/> as a grid of small multiples with cairo: per panel the network's probability
/// as shading, its 0.5 contour as a line and the test points on top, the test accuracy in the panel title. PNG and
/// SVG come from the same <see cref="Draw"/> routine; files are replaced atomically. The SVG also carries the panel
/// titles and accuracies as data (<see cref="BoundaryGridMetadata"/>), since cairo turns all text into outlines.
/// </summary>
public static class DecisionBoundaryGrid
{
    private static readonly ChartColor BoundaryLine = new(40, 40, 40);
    private const double PointRadius = 2.6;

    public static void RenderPng(BoundaryFigure figure, string path)
    {
        var layout = new BoundaryGridLayout(figure.Panels.Count);
        ChartRenderer.WriteAtomically(path, tmp =>
        {
            using var surface = CairoSurface.CreateImage(layout.Width, layout.Height);
            using (var context = new CairoContext(surface))
                Draw(context, layout, figure);
            surface.WriteToPng(tmp);
        });
    }

    public static void RenderSvg(BoundaryFigure figure, string path)
    {
        var layout = new BoundaryGridLayout(figure.Panels.Count);
        ChartRenderer.WriteAtomically(path, tmp =>
        {
            // cairo completes the SVG only when the surface is finished, so that comes before the metadata.
            using (var surface = CairoSurface.CreateSvg(tmp, layout.Width, layout.Height))
            {
                using (var context = new CairoContext(surface))
                    Draw(context, layout, figure);
                surface.Finish();
            }
            BoundaryGridMetadata.AddTo(tmp, figure, layout);
        });
    }

    internal static void Draw(CairoContext cr, BoundaryGridLayout layout, BoundaryFigure figure)
    {
        cr.SetColor(ChartStyle.Background);
        cr.Rectangle(0, 0, layout.Width, layout.Height);
        cr.Fill();

        cr.SetColor(ChartStyle.Text);
        cr.SetFont(20, bold: true);
        ShowText(cr, figure.Title, BoundaryGridLayout.Margin, BoundaryGridLayout.Margin + 22, layout.Width - 2 * BoundaryGridLayout.Margin);
        cr.SetColor(ChartStyle.NoteText);
        cr.SetFont(14);
        foreach (var (note, line) in figure.Notes.Take(BoundaryGridLayout.MaxNoteLines).Select((n, i) => (n, i)))
            ShowText(cr, note, BoundaryGridLayout.Margin, BoundaryGridLayout.Margin + 50 + 20 * line, layout.Width - 2 * BoundaryGridLayout.Margin);

        for (var i = 0; i < figure.Panels.Count; i++)
            DrawPanel(cr, layout.Plot(i), figure.Panels[i], figure);
        cr.ThrowIfFailed();
    }

    private static void DrawPanel(CairoContext cr, ChartBounds plot, BoundaryPanel panel, BoundaryFigure figure)
    {
        var map = panel.Map;
        double ToPixelX(double x) => plot.X + (x + map.HalfWidth) / (2 * map.HalfWidth) * plot.Width;
        double ToPixelY(double y) => plot.Y + (map.HalfWidth - y) / (2 * map.HalfWidth) * plot.Height;

        cr.SetColor(ChartStyle.Text);
        cr.SetFont(17);
        var title = panel.Title;
        var width = cr.MeasureText(title).XAdvance;
        ShowText(cr, title, plot.X + Math.Max(0, (plot.Width - width) / 2), plot.Y - 9, plot.Width);

        using (var shading = CairoSurface.CreateImage(map.Resolution, map.Resolution, ProbabilityShading.Pixels(map.Values)))
            cr.PaintImage(shading, plot.X, plot.Y, plot.Width, plot.Height);

        cr.Save();
        cr.Rectangle(plot.X, plot.Y, plot.Width, plot.Height);
        cr.Clip();
        cr.SetColor(BoundaryLine, 0.85);
        cr.SetRoundLines();
        cr.SetLineWidth(2);
        cr.NewPath();
        foreach (var s in BoundaryContour.Trace(map))
        {
            cr.MoveTo(ToPixelX(s.X1), ToPixelY(s.Y1));
            cr.LineTo(ToPixelX(s.X2), ToPixelY(s.Y2));
        }
        cr.Stroke();

        // Outlined in white so that points of the two colours stay apart where they overlap.
        var points = figure.Points;
        cr.SetLineWidth(0.8);
        for (var i = 0; i < points.Count; i++)
        {
            cr.NewPath();
            cr.Circle(ToPixelX(points.X[i]), ToPixelY(points.Y[i]), PointRadius);
            cr.SetColor(points.Labels[i] > 0.5f ? ProbabilityShading.Inner : ProbabilityShading.Outer);
            cr.FillPreserve();
            cr.SetColor(ChartStyle.Background);
            cr.Stroke();
        }
        cr.Restore();

        cr.SetSquareLines();
        cr.SetLineWidth(1);
        cr.SetColor(ChartStyle.Frame);
        cr.Rectangle(plot.X + 0.5, plot.Y + 0.5, plot.Width - 1, plot.Height - 1);
        cr.Stroke();
    }

    // Text with its baseline at y, shortened with an ellipsis when wider than maxWidth: text running past the
    // figure is worse than a cut title.
    private static void ShowText(CairoContext cr, string text, double x, double y, double maxWidth)
    {
        var shown = text;
        for (var length = text.Length - 1; length > 0 && cr.MeasureText(shown).XAdvance > maxWidth; length--)
            shown = text[..length].TrimEnd() + "…";
        cr.NewPath();
        cr.MoveTo(x, y);
        cr.ShowText(shown);
        cr.NewPath();
    }
}
