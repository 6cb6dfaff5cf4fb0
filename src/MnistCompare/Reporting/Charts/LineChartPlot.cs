using System.Globalization;
using ScottPlot;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Turns a <see cref="LineChart"/> into a ScottPlot <see cref="Plot"/>: the lines, min–max bands (error bars where a
/// band has a single point), the legend outside the data area so it never covers a curve, the zoomed y range, and a
/// note under the title accounting for every point the reader cannot see.
/// </summary>
public static class LineChartPlot
{
    // How far apart, as a fraction of the x range, series with a single point each are drawn.
    private const double DodgeFraction = 0.03;

    /// <summary>Draws <paramref name="chart"/> as PNG and SVG, both from one plot.</summary>
    public static void Save(LineChart chart, string pngPath, string svgPath, PlotSize size)
    {
        var (x, y) = ResolveRanges(chart);
        string? note = DescribeHiddenData(chart, x, y);
        using var plot = Build(chart, size, x, y, note);
        FigureFiles.Write(new Multiplot(plot), size, pngPath, svgPath, svg => SvgChartMetadata.AddTo(svg, chart, x, y, note));
    }

    public static Plot Build(LineChart chart, PlotSize size)
    {
        var (x, y) = ResolveRanges(chart);
        return Build(chart, size, x, y, DescribeHiddenData(chart, x, y));
    }

    private static Plot Build(LineChart chart, PlotSize size, ValueRange x, ValueRange y, string? note)
    {
        var plot = new Plot();
        HouseStyle.Apply(plot, size);
        var legend = plot.ShowLegend(Edge.Right);
        legend.Alignment = Alignment.UpperCenter;
        plot.Legend.ManualItems.AddRange(LegendItems(chart));
        plot.Legend.DisplayPlottableLegendItems = false;

        // All bands first, so that no band veils another series' line. With one point per series (one epoch), the
        // series stand side by side around their x so that their error bars do not hide one another.
        bool dodge = chart.Series.Count > 1 && chart.Series.All(s => s.Points.Count <= 1);
        double Shift(int position) => dodge ? (position - (chart.Series.Count - 1) / 2.0) * DodgeFraction * x.Span : 0;
        for (int i = 0; i < chart.Series.Count; i++) AddBand(plot, chart.Series[i], Shift(i));
        for (int i = 0; i < chart.Series.Count; i++) AddLine(plot, chart.Series[i], chart.ShowMarkers, Shift(i));

        plot.Axes.SetLimits(x.Min, x.Max, y.Min, y.Max);
        plot.XLabel(chart.XLabel);
        plot.YLabel(chart.YLabel);
        bool integerX = chart.Series.SelectMany(s => s.Points).All(p => !double.IsFinite(p.X) || p.X == Math.Round(p.X));
        plot.Axes.Bottom.TickGenerator = new EvenTickLabels(HouseStyle.XTickCount, integerX);
        plot.Axes.Left.TickGenerator = new EvenTickLabels(HouseStyle.YTickCount);

        // The title is centred between the figure's left edge and the legend; where it is too wide for that room it
        // breaks, it is never cut.
        double room = size.Width / HouseStyle.Scale(size) - LegendWidth(plot) - 40;
        plot.Axes.Title.FullFigureCenter = true;
        plot.Axes.Title.Label.Text = TextFit.Wrap(chart.Title, plot.Axes.Title.Label, (float)room);
        if (note is not null)
        {
            var notePanel = new ScottPlot.Panels.TitlePanel { VerticalPadding = 4, FullFigureCenter = true };
            HouseStyle.Style(notePanel.Label, HouseStyle.NoteSize, note: true);
            notePanel.Label.Text = TextFit.Wrap(note, notePanel.Label, (float)room);
            plot.Axes.AddPanel(notePanel);
        }
        return plot;
    }

    // The legend as ScottPlot lays it out, with the room its panel keeps around it.
    private static double LegendWidth(Plot plot)
    {
        using var legend = plot.Legend.GetImage();
        return plot.Legend.LastRenderSize.Width + 40;
    }

    private static IEnumerable<LegendItem> LegendItems(LineChart chart)
    {
        foreach (var series in chart.Series)
        {
            yield return new LegendItem
            {
                LabelText = series.LegendText,
                LineColor = HouseStyle.SeriesColor(series.StyleIndex),
                LineWidth = HouseStyle.SeriesLineWidth * 1.5f,
                LinePattern = HouseStyle.SeriesPattern(series.StyleIndex),
                MarkerShape = chart.ShowMarkers ? MarkerShape.FilledCircle : MarkerShape.None,
                MarkerSize = HouseStyle.MarkerSize,
                MarkerColor = HouseStyle.SeriesColor(series.StyleIndex),
            };
        }
        if (chart.BandDescription is { } bands && chart.Series.Any(s => s.Band is { Count: > 0 }))
            yield return new LegendItem { LabelText = bands, FillColor = HouseStyle.BandSwatch, LineWidth = 0 };
    }

    private static void AddLine(Plot plot, Series series, bool markers, double shift)
    {
        var colour = HouseStyle.SeriesColor(series.StyleIndex);
        // A non-finite value breaks the line instead of being bridged, so a diverged run is visibly absent.
        foreach (var run in FiniteRuns(series.Points, p => double.IsFinite(p.X) && double.IsFinite(p.Y)))
        {
            var line = plot.Add.Scatter(run.Select(p => p.X + shift).ToArray(), run.Select(p => p.Y).ToArray(), colour);
            line.LineWidth = HouseStyle.SeriesLineWidth;
            line.LinePattern = HouseStyle.SeriesPattern(series.StyleIndex);
            line.MarkerSize = markers || run.Count == 1 ? HouseStyle.MarkerSize : 0;
        }
    }

    // A band of two or more points is a shaded area; a lone point (one epoch) gets an error bar, or it would not show.
    private static void AddBand(Plot plot, Series series, double shift)
    {
        var colour = HouseStyle.SeriesColor(series.StyleIndex);
        foreach (var run in FiniteRuns(series.Band ?? [], b => double.IsFinite(b.X) && double.IsFinite(b.Low) && double.IsFinite(b.High)))
        {
            if (run.Count > 1)
            {
                var fill = plot.Add.FillY(run.Select(b => b.X).ToArray(), run.Select(b => b.High).ToArray(), run.Select(b => b.Low).ToArray());
                fill.FillColor = colour.WithOpacity(HouseStyle.BandOpacity);
                fill.LineWidth = 0;
                fill.MarkerSize = 0;
                continue;
            }
            var b = run[0];
            double middle = (b.Low + b.High) / 2;
            var bar = plot.Add.ErrorBar([b.X + shift], [middle], [(b.High - b.Low) / 2]);
            bar.Color = colour;
            bar.LineWidth = HouseStyle.ErrorBarWidth;
            bar.CapSize = HouseStyle.ErrorBarCap;
        }
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
}
