using System.Globalization;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Draws a <see cref="LineChart"/> with cairo. PNG and SVG come from the same <see cref="Draw(CairoContext, ChartBounds, LineChart)"/>
/// routine, so the two outputs cannot drift apart.
/// </summary>
/// <remarks>
/// Files are written atomically (to <c>path + ".tmp"</c>, then moved over <c>path</c>), so a reader never sees
/// a half-written chart. SVG output additionally carries the chart's title and series names as data, because
/// cairo turns all text into glyph outlines; see <see cref="SvgChartMetadata"/> for the convention.
/// </remarks>
public static class ChartRenderer
{
    public const int DefaultWidth = 1600;
    public const int DefaultHeight = 1000;

    private enum HAlign { Left, Center, Right }
    private enum VAlign { Baseline, CapTop, CapMiddle }

    public static void RenderPng(LineChart chart, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ValidateSize(width, height);
        WriteAtomically(path, tmp =>
        {
            using var surface = CairoSurface.CreateImage(width, height);
            using (var context = new CairoContext(surface))
                Draw(context, width, height, chart);
            surface.WriteToPng(tmp);
        });
    }

    public static void RenderSvg(LineChart chart, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ValidateSize(width, height);
        WriteAtomically(path, tmp =>
        {
            // cairo streams the SVG into the file and completes it only on finish, so the surface must be
            // finished and destroyed before the file is read back for the metadata or moved into place.
            using (var surface = CairoSurface.CreateSvg(tmp, width, height))
            {
                using (var context = new CairoContext(surface))
                    Draw(context, width, height, chart);
                surface.Finish();
            }
            var (x, y) = ResolveRanges(chart);
            SvgChartMetadata.AddTo(tmp, chart, x, y, Note(chart, x, y));
        });
    }

    internal static void Draw(CairoContext cr, int width, int height, LineChart chart) =>
        Draw(cr, new ChartBounds(0, 0, width, height), chart);

    /// <summary>Draws the whole chart, background included, inside <paramref name="bounds"/> and nowhere else.</summary>
    internal static void Draw(CairoContext cr, ChartBounds bounds, LineChart chart)
    {
        var style = ChartStyle.For(bounds);
        var (xRange, yRange) = ResolveRanges(chart);
        string? note = Note(chart, xRange, yRange);

        cr.Save();
        cr.Rectangle(bounds.X, bounds.Y, bounds.Width, bounds.Height);
        cr.Clip();
        cr.SetColor(ChartStyle.Background);
        cr.Rectangle(bounds.X, bounds.Y, bounds.Width, bounds.Height);
        cr.Fill();

        var (plot, xScale, yScale) = Layout(cr, style, bounds, chart, xRange, yRange, note is not null);
        DrawGrid(cr, style, plot, xScale, yScale);
        DrawData(cr, style, plot, chart);
        DrawFrameAndTicks(cr, style, plot, xScale, yScale);
        DrawTitleAndAxisLabels(cr, style, bounds, plot, chart);
        if (note is not null)
            DrawNote(cr, style, bounds, plot, note);
        if (chart.Series.Count > 0)
            DrawLegend(cr, style, plot, chart);

        cr.Restore();
        cr.ThrowIfFailed();
    }

    /// <summary>The axis ranges the chart is drawn with: fixed ones as given, otherwise from the data and the y policy.</summary>
    internal static (ValueRange X, ValueRange Y) ResolveRanges(LineChart chart)
    {
        var xs = chart.Series.SelectMany(s => s.Points.Select(p => p.X).Concat((s.Band ?? []).Select(b => b.X)))
            .Where(double.IsFinite).ToList();
        var x = chart.XRange ?? (xs.Count == 0 ? new ValueRange(0, 1) : AxisRange.Pad(xs.Min(), xs.Max()));

        // Bands are shown where they fit but do not steer the zoom: their spread is noise around the means.
        var means = chart.Series.Select(s => s.Points).ToArray();
        var bandLimits = chart.Series.SelectMany(s => (s.Band ?? []).SelectMany(b => new[] { b.Low, b.High }));
        var y = chart.YRange ?? AxisRange.Choose(chart.YRangePolicy, means, bandLimits);
        return (x, y);
    }

    /// <summary>
    /// The note that accounts for every data point the reader cannot see (clipped by the ranges, or not a
    /// number), or null when everything is visible.
    /// </summary>
    // What the bands are, then what the plot area leaves out: one line above the plot.
    private static string? Note(LineChart chart, ValueRange x, ValueRange y)
    {
        var bandLabel = chart.Series.Any(s => s.Band is { Count: > 0 }) ? chart.BandLabel : null;
        var notes = new[] { bandLabel, DescribeHiddenData(chart, x, y) }.Where(n => n is not null).ToList();
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    internal static string? DescribeHiddenData(LineChart chart, ValueRange x, ValueRange y)
    {
        var points = chart.Series.SelectMany(s => s.Points).ToList();
        var finite = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var inXRange = finite.Where(p => x.Contains(p.X)).ToList();
        var (below, above) = AxisRange.CountOutside(inXRange.Select(p => p.Y), y);

        var parts = new List<string>();
        if (below > 0 || above > 0)
        {
            var clipped = new List<string>();
            if (below > 0)
                clipped.Add($"{below} of {Count(points.Count, "point")} below the plot (lowest {Significant(inXRange.Min(p => p.Y))})");
            if (above > 0)
                clipped.Add($"{above} of {Count(points.Count, "point")} above the plot (highest {Significant(inXRange.Max(p => p.Y))})");
            string reason = chart.YRange is null ? "y-axis zoomed" : "fixed y range";
            parts.Add($"{reason}: {string.Join(", ", clipped)}");
        }

        int outsideX = finite.Count - inXRange.Count;
        if (outsideX > 0)
            parts.Add($"{Count(outsideX, "point")} outside the x range");

        bool bandClipped = chart.Series.Any(s => (s.Band ?? []).Any(b =>
            x.Contains(b.X) && ((double.IsFinite(b.Low) && !y.Contains(b.Low)) || (double.IsFinite(b.High) && !y.Contains(b.High)))));
        if (bandClipped)
            parts.Add("bands clipped");

        int nonFinite = points.Count - finite.Count;
        if (nonFinite > 0)
            parts.Add($"{Count(nonFinite, "non-finite point")} omitted");

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static (PlotTransform Plot, NiceScale X, NiceScale Y) Layout(
        CairoContext cr, ChartStyle style, ChartBounds bounds, LineChart chart, ValueRange xRange, ValueRange yRange, bool hasNote)
    {
        double top = bounds.Y + style.OuterPadding;
        if (chart.Title.Length > 0)
            top += LineHeight(cr, style.TitleFontSize, bold: true) + style.Gap;
        if (hasNote)
            top += LineHeight(cr, style.NoteFontSize, italic: true) + style.Gap / 2;
        else if (chart.Title.Length == 0)
            top += style.Gap;

        cr.SetFont(style.TickLabelFontSize);
        double tickLabelHeight = cr.MeasureText("0123456789").Height;
        double bottom = bounds.Y + bounds.Height - style.OuterPadding
            - style.TickLength - style.Gap - tickLabelHeight - style.Gap;
        if (chart.XLabel.Length > 0)
            bottom -= LineHeight(cr, style.AxisLabelFontSize);

        var yScale = NiceScale.Create(yRange, TickTarget(bottom - top, style.PixelsPerYTick));
        cr.SetFont(style.TickLabelFontSize);
        double widestYLabel = yScale.Ticks.Select(t => cr.MeasureText(TickLabel(yScale, t)).XAdvance).DefaultIfEmpty(0).Max();
        double left = bounds.X + style.OuterPadding + widestYLabel + style.Gap + style.TickLength;
        if (chart.YLabel.Length > 0)
            left += LineHeight(cr, style.AxisLabelFontSize) + style.Gap;

        // Room for half of an x tick label centred on the right edge of the plot.
        double right = bounds.X + bounds.Width - style.OuterPadding - style.TickLabelFontSize;

        // Whole-pixel plot edges keep the frame and grid crisp in the PNG.
        var plot = new ChartBounds(Math.Round(left), Math.Round(top), Math.Round(right - left), Math.Round(bottom - top));
        bool integerX = chart.Series.SelectMany(s => s.Points).All(p => !double.IsFinite(p.X) || p.X == Math.Round(p.X));
        var xScale = NiceScale.Create(xRange, TickTarget(plot.Width, style.PixelsPerXTick), integerSteps: integerX);
        return (new PlotTransform(plot, xRange, yRange), xScale, yScale);
    }

    private static int TickTarget(double pixels, double pixelsPerTick) => Math.Clamp((int)Math.Round(pixels / pixelsPerTick), 3, 10);

    private static void DrawGrid(CairoContext cr, ChartStyle style, PlotTransform plot, NiceScale xScale, NiceScale yScale)
    {
        double width = style.GridLineWidth;
        cr.SetSquareLines();
        cr.SetLineWidth(width);
        cr.SetColor(ChartStyle.Grid);
        foreach (double tick in xScale.Ticks)
        {
            double x = Crisp(plot.ToPixelX(tick), width);
            cr.MoveTo(x, plot.Top);
            cr.LineTo(x, plot.Bottom);
        }
        foreach (double tick in yScale.Ticks)
        {
            double y = Crisp(plot.ToPixelY(tick), width);
            cr.MoveTo(plot.Left, y);
            cr.LineTo(plot.Right, y);
        }
        cr.Stroke();
    }

    private static void DrawData(CairoContext cr, ChartStyle style, PlotTransform plot, LineChart chart)
    {
        cr.Save();
        cr.Rectangle(plot.Left, plot.Top, plot.Plot.Width, plot.Plot.Height);
        cr.Clip();

        // All bands first, so that no band veils another series' line.
        foreach (var series in chart.Series)
        {
            if (series.Band is not { Count: > 0 } band)
                continue;
            cr.SetColor(series.Color, ChartStyle.BandAlpha);
            foreach (var run in FiniteRuns(band, b => double.IsFinite(b.X) && double.IsFinite(b.Low) && double.IsFinite(b.High)))
            {
                cr.MoveTo(plot.ToPixelX(run[0].X), plot.ToPixelY(run[0].High));
                foreach (var b in run.Skip(1))
                    cr.LineTo(plot.ToPixelX(b.X), plot.ToPixelY(b.High));
                foreach (var b in Enumerable.Reverse(run))
                    cr.LineTo(plot.ToPixelX(b.X), plot.ToPixelY(b.Low));
                cr.ClosePath();
                cr.Fill();
            }
        }

        cr.SetRoundLines();
        cr.SetLineWidth(style.SeriesLineWidth);
        foreach (var series in chart.Series)
        {
            cr.SetColor(series.Color);
            // A non-finite value breaks the line instead of being bridged, so a diverged run is visibly absent.
            foreach (var run in FiniteRuns(series.Points, p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
            {
                cr.MoveTo(plot.ToPixelX(run[0].X), plot.ToPixelY(run[0].Y));
                foreach (var p in run.Skip(1))
                    cr.LineTo(plot.ToPixelX(p.X), plot.ToPixelY(p.Y));
                if (run.Count == 1)
                    cr.LineTo(plot.ToPixelX(run[0].X), plot.ToPixelY(run[0].Y));
                cr.Stroke();
            }
            if (chart.ShowMarkers)
            {
                foreach (var p in series.Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
                {
                    cr.NewPath();
                    cr.Circle(plot.ToPixelX(p.X), plot.ToPixelY(p.Y), style.MarkerRadius);
                    cr.Fill();
                }
            }
        }
        cr.Restore();
    }

    private static void DrawFrameAndTicks(CairoContext cr, ChartStyle style, PlotTransform plot, NiceScale xScale, NiceScale yScale)
    {
        double width = style.FrameLineWidth;
        cr.SetSquareLines();
        cr.SetLineWidth(width);
        cr.SetColor(ChartStyle.Frame);
        cr.Rectangle(Crisp(plot.Left, width), Crisp(plot.Top, width), plot.Plot.Width, plot.Plot.Height);
        cr.Stroke();

        foreach (double tick in xScale.Ticks)
        {
            double x = Crisp(plot.ToPixelX(tick), width);
            cr.MoveTo(x, plot.Bottom);
            cr.LineTo(x, plot.Bottom + style.TickLength);
        }
        foreach (double tick in yScale.Ticks)
        {
            double y = Crisp(plot.ToPixelY(tick), width);
            cr.MoveTo(plot.Left, y);
            cr.LineTo(plot.Left - style.TickLength, y);
        }
        cr.Stroke();

        cr.SetColor(ChartStyle.Text);
        cr.SetFont(style.TickLabelFontSize);
        foreach (double tick in xScale.Ticks)
            DrawText(cr, TickLabel(xScale, tick), plot.ToPixelX(tick), plot.Bottom + style.TickLength + style.Gap, HAlign.Center, VAlign.CapTop);
        foreach (double tick in yScale.Ticks)
            DrawText(cr, TickLabel(yScale, tick), plot.Left - style.TickLength - style.Gap, plot.ToPixelY(tick), HAlign.Right, VAlign.CapMiddle);
    }

    private static void DrawTitleAndAxisLabels(CairoContext cr, ChartStyle style, ChartBounds bounds, PlotTransform plot, LineChart chart)
    {
        cr.SetColor(ChartStyle.Text);
        double plotCenterX = (plot.Left + plot.Right) / 2;
        if (chart.Title.Length > 0)
        {
            cr.SetFont(style.TitleFontSize, bold: true);
            double baseline = bounds.Y + style.OuterPadding + cr.MeasureFont().Ascent;
            string title = FitToWidth(cr, chart.Title, bounds.Width - 2 * style.OuterPadding, style.TitleFontSize, bold: true);
            // A title wider than the plot is centred on the whole chart instead, so it is not cut at the left.
            double titleWidth = cr.MeasureText(title).XAdvance;
            double centerX = titleWidth <= plot.Plot.Width ? plotCenterX : bounds.X + bounds.Width / 2;
            DrawText(cr, title, centerX, baseline, HAlign.Center, VAlign.Baseline);
        }

        cr.SetFont(style.AxisLabelFontSize);
        var font = cr.MeasureFont();
        if (chart.XLabel.Length > 0)
        {
            double baseline = bounds.Y + bounds.Height - style.OuterPadding - font.Descent;
            DrawText(cr, chart.XLabel, plotCenterX, baseline, HAlign.Center, VAlign.Baseline);
        }
        if (chart.YLabel.Length > 0)
        {
            // Rotated a quarter turn counter-clockwise: the text's top faces the left edge of the chart.
            cr.Save();
            cr.Translate(bounds.X + style.OuterPadding + font.Ascent, (plot.Top + plot.Bottom) / 2);
            cr.Rotate(-Math.PI / 2);
            DrawText(cr, chart.YLabel, 0, 0, HAlign.Center, VAlign.Baseline);
            cr.Restore();
        }
    }

    private static void DrawNote(CairoContext cr, ChartStyle style, ChartBounds bounds, PlotTransform plot, string note)
    {
        cr.SetColor(ChartStyle.NoteText);
        cr.SetFont(style.NoteFontSize, italic: true);
        double baseline = plot.Top - style.Gap / 2 - cr.MeasureFont().Descent;
        string fitted = FitToWidth(cr, note, plot.Right - bounds.X - style.OuterPadding, style.NoteFontSize, italic: true);
        DrawText(cr, fitted, plot.Right, baseline, HAlign.Right, VAlign.Baseline);
    }

    private static void DrawLegend(CairoContext cr, ChartStyle style, PlotTransform plot, LineChart chart)
    {
        cr.SetFont(style.LegendFontSize);
        double rowHeight = style.LegendFontSize * ChartStyle.LegendRowSpacing;
        double capHeight = cr.MeasureText("H").Height;
        double widestName = chart.Series.Max(s => cr.MeasureText(s.Name).XAdvance);

        double width = Math.Ceiling(2 * style.LegendPadding + style.LegendSwatchLength + style.Gap + widestName);
        double height = Math.Ceiling(2 * style.LegendPadding + chart.Series.Count * rowHeight - (rowHeight - capHeight));
        bool atLeft = chart.Legend is LegendPosition.TopLeft or LegendPosition.BottomLeft;
        bool atBottom = chart.Legend is LegendPosition.BottomLeft or LegendPosition.BottomRight;
        double left = Math.Round(atLeft ? plot.Left + style.LegendInset : plot.Right - style.LegendInset - width);
        double top = Math.Round(atBottom ? plot.Bottom - style.LegendInset - height : plot.Top + style.LegendInset);

        cr.SetColor(ChartStyle.Background, ChartStyle.LegendBackgroundAlpha);
        cr.Rectangle(left, top, width, height);
        cr.Fill();
        cr.SetSquareLines();
        cr.SetLineWidth(style.GridLineWidth);
        cr.SetColor(ChartStyle.LegendBorder);
        cr.Rectangle(Crisp(left, style.GridLineWidth), Crisp(top, style.GridLineWidth), width, height);
        cr.Stroke();

        double swatchLeft = left + style.LegendPadding;
        double swatchRight = swatchLeft + style.LegendSwatchLength;
        for (int i = 0; i < chart.Series.Count; i++)
        {
            var series = chart.Series[i];
            double centerY = top + style.LegendPadding + capHeight / 2 + i * rowHeight;
            if (series.Band is { Count: > 0 })
            {
                cr.SetColor(series.Color, ChartStyle.BandAlpha);
                cr.Rectangle(swatchLeft, centerY - capHeight * 0.6, style.LegendSwatchLength, capHeight * 1.2);
                cr.Fill();
            }
            cr.SetColor(series.Color);
            cr.SetRoundLines();
            cr.SetLineWidth(style.SeriesLineWidth * 1.2);
            cr.MoveTo(swatchLeft, centerY);
            cr.LineTo(swatchRight, centerY);
            cr.Stroke();
            if (chart.ShowMarkers)
            {
                cr.Circle((swatchLeft + swatchRight) / 2, centerY, style.MarkerRadius);
                cr.Fill();
            }
            cr.SetColor(ChartStyle.Text);
            DrawText(cr, series.Name, swatchRight + style.Gap, centerY, HAlign.Left, VAlign.CapMiddle);
        }
    }

    // Positions by the ink of the text horizontally (numbers right-align exactly) and by the height of a
    // capital vertically, so that rows of text share one baseline whatever their descenders.
    private static void DrawText(CairoContext cr, string text, double x, double y, HAlign hAlign, VAlign vAlign)
    {
        var extents = cr.MeasureText(text);
        double originX = hAlign switch
        {
            HAlign.Left => x - extents.XBearing,
            HAlign.Center => x - extents.XBearing - extents.Width / 2,
            _ => x - extents.XBearing - extents.Width,
        };
        double capHeight = vAlign == VAlign.Baseline ? 0 : cr.MeasureText("H").Height;
        double baseline = vAlign switch
        {
            VAlign.CapTop => y + capHeight,
            VAlign.CapMiddle => y + capHeight / 2,
            _ => y,
        };
        cr.NewPath();
        cr.MoveTo(originX, baseline);
        cr.ShowText(text);
        cr.NewPath();
    }

    // Shrinks the font (down to MinimumFitScale of its size) until the text fits, then shortens it with an
    // ellipsis: text running off the chart is worse than smaller text. Leaves the chosen font selected.
    private static string FitToWidth(CairoContext cr, string text, double maxWidth, double size, bool bold = false, bool italic = false)
    {
        const double MinimumFitScale = 0.7;
        cr.SetFont(size, bold, italic);
        double width = cr.MeasureText(text).XAdvance;
        if (width <= maxWidth)
            return text;
        cr.SetFont(Math.Max(size * maxWidth / width, size * MinimumFitScale), bold, italic);
        if (cr.MeasureText(text).XAdvance <= maxWidth)
            return text;
        for (int length = text.Length - 1; length > 0; length--)
        {
            string shortened = text[..length].TrimEnd() + "…";
            if (cr.MeasureText(shortened).XAdvance <= maxWidth)
                return shortened;
        }
        return "…";
    }

    // NiceScale formats with an ASCII hyphen (machine-friendly); on the chart a true minus sign reads better
    // and is as wide as a digit, so negative labels line up.
    private static string TickLabel(NiceScale scale, double tick) => scale.Format(tick).Replace('-', '\u2212');

    private static double LineHeight(CairoContext cr, double size, bool bold = false, bool italic = false)
    {
        cr.SetFont(size, bold, italic);
        var font = cr.MeasureFont();
        return font.Ascent + font.Descent;
    }

    // An odd whole-pixel line is sharp only when centred on a pixel centre, an even one on a pixel edge.
    private static double Crisp(double coordinate, double lineWidth) =>
        (int)Math.Round(lineWidth) % 2 == 1 ? Math.Floor(coordinate) + 0.5 : Math.Round(coordinate);

    private static IEnumerable<List<T>> FiniteRuns<T>(IEnumerable<T> items, Func<T, bool> isFinite)
    {
        var run = new List<T>();
        foreach (var item in items)
        {
            if (isFinite(item))
            {
                run.Add(item);
                continue;
            }
            if (run.Count > 0)
                yield return run;
            run = [];
        }
        if (run.Count > 0)
            yield return run;
    }

    private static string Significant(double value) =>
        value.ToString("G3", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static string Count(int count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? noun : noun + "s");

    private static void ValidateSize(int width, int height)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentOutOfRangeException(nameof(width), $"A chart needs a positive size, got {width}×{height}.");
    }

    // cairo writes to file names, not streams, hence a temporary path of its own rather than AtomicFile.
    internal static void WriteAtomically(string path, Action<string> write)
    {
        string fullPath = Path.GetFullPath(path);
        if (Path.GetDirectoryName(fullPath) is { Length: > 0 } directory)
            Directory.CreateDirectory(directory);
        string tmp = fullPath + ".tmp";
        try
        {
            write(tmp);
            File.Move(tmp, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    // Best effort: a leftover temp file must not replace the exception that explains the failure.
    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
