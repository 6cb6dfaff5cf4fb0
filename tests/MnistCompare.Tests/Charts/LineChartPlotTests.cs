using MnistCompare.Reporting.Charts;
using MnistCompare.Tests.Circles;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Charts;

// Line charts drawn by ScottPlot into real files, read back as bytes, pixels and XML.
public sealed class LineChartPlotTests : IDisposable
{
    private readonly TempFolder temp = new();

    private static Series S(string name, int index, params double[] ys) =>
        new(name, index, ys.Select((y, i) => new SeriesPoint(i + 1, y)).ToArray());

    private static readonly LineChart Accuracy = new("Validation accuracy", "Epoch", "Accuracy",
        [
            S("ReLU", 0, 0.95, 0.97, 0.98, 0.985, 0.986, 0.987, 0.988, 0.988),
            S("Sigmoid", 1, 0.11, 0.11, 0.11, 0.94, 0.95, 0.97, 0.975, 0.98),
            S("GELU (tanh)", 2, 0.96, 0.975, 0.982, 0.986, 0.987, 0.988, 0.989, 0.99),
        ])
    {
        YRangePolicy = YRangePolicy.Accuracy,
        ShowMarkers = true,
    };

    private (string Png, string Svg) Save(LineChart chart, string name, PlotSize? size = null)
    {
        var (png, svg) = (temp[name + ".png"], temp[name + ".svg"]);
        LineChartPlot.Save(chart, png, svg, size ?? PlotSize.Default);
        return (png, svg);
    }

    [Fact]
    public void ThePngDecodesWithTheAskedSize()
    {
        var (png, _) = Save(Accuracy, "a");
        var pixels = PngPixels.Read(png);
        Assert.Equal((1600, 1000), (pixels.Width, pixels.Height));
        var (small, _) = Save(Accuracy, "small", new PlotSize(800, 500));
        Assert.Equal((800, 500), PngFile.AssertValid(small));
        Assert.Empty(RunFiles.TemporaryFiles(temp.Path));
    }

    [Fact]
    public void TheSameChartGivesByteIdenticalPngsAndSvgs()
    {
        var first = Save(Accuracy, "first");
        var second = Save(Accuracy, "second");
        Assert.Equal(File.ReadAllBytes(first.Png), File.ReadAllBytes(second.Png));
        Assert.Equal(File.ReadAllText(first.Svg), File.ReadAllText(second.Svg));
    }

    [Fact]
    public void TheSvgHoldsOneSeriesPerActivationAndEveryWordAsText()
    {
        var (_, path) = Save(Accuracy, "a");

        var svg = SvgChart.Read(path);
        Assert.Equal(("1600", "1000"), (svg.Width, svg.Height));
        Assert.Equal(["ReLU", "Sigmoid", "GELU (tanh)"], svg.Names);
        Assert.Equal([HouseStyle.SeriesColor(0), HouseStyle.SeriesColor(1), HouseStyle.SeriesColor(2)],
            svg.Series.Select(s => ScottPlot.Color.FromHex(s.Color)));
        // Title, axis labels, tick labels and legend entries are <text> elements, in the house font.
        foreach (var word in new[] { "Validation accuracy", "Epoch", "Accuracy", "ReLU", "Sigmoid", "GELU (tanh)", "8" })
            Assert.Contains(word, svg.Texts);
        var fonts = svg.Document.Descendants(SvgChart.Svg + "text").Select(t => (string?)t.Attribute("font-family")).Distinct();
        Assert.Equal([HouseStyle.FontName], fonts);
        // One line per series in its colour (the legend's swatch is a line too).
        foreach (var series in svg.Series)
        {
            var strokes = svg.Document.Descendants().Count(e => string.Equals((string?)e.Attribute("stroke"), series.Color, StringComparison.OrdinalIgnoreCase));
            Assert.True(strokes >= 2, $"{series.Name}: {strokes} elements drawn in {series.Color}");
        }
    }

    [Fact]
    public void TheZoomedAxisSaysInTheFigureHowManyPointsItHides()
    {
        var (_, path) = Save(Accuracy, "a");

        var svg = SvgChart.Read(path);
        // Sigmoid's first three epochs at chance are cut off by the zoom, and the note says so on the chart.
        Assert.True(svg.YMin > 0.11, $"y from {svg.YMin}");
        const string note = "y-axis zoomed: 3 of 24 points below the plot (lowest 0.11)";
        Assert.Equal(note, svg.Note);
        Assert.Contains(note, svg.Texts);
    }

    [Fact]
    public void ADivergedSeriesKeepsItsLegendEntryWithoutPoints()
    {
        var chart = Accuracy with { Series = [.. Accuracy.Series, new Series("SELU", 3, []) { LegendNote = "diverged" }] };
        var (png, path) = Save(chart, "d");

        var svg = SvgChart.Read(path);
        Assert.Equal(["ReLU", "Sigmoid", "GELU (tanh)", "SELU"], svg.Names);
        Assert.Equal(0, svg.Series[3].Points);
        Assert.Contains("SELU (diverged)", svg.Texts);
        PngFile.AssertValid(png);
    }

    [Fact]
    public void BandsAreLabelledAndASinglePointBandIsAnErrorBar()
    {
        var oneEpoch = new LineChart("One epoch", "Epoch", "Accuracy",
            [new Series("ReLU", 0, [new(1, 0.5)], [new(1, 0.40, 0.60)]), new Series("GELU (tanh)", 1, [new(1, 0.7)])])
        {
            BandDescription = "band: min–max over 3 seeds",
        };
        var (png, path) = Save(oneEpoch, "bands");

        var svg = SvgChart.Read(path);
        Assert.Equal([true, false], svg.Series.Select(s => s.Band));
        Assert.Contains("band: min–max over 3 seeds", svg.Texts);
        // The error bar is a vertical line in ReLU's colour reaching well above and below its point: count the rows of
        // the PNG that hold that colour in the column of the point.
        var pixels = PngPixels.Read(png);
        var colour = HouseStyle.SeriesColor(0);
        int column = Enumerable.Range(0, pixels.Width).MaxBy(x => Enumerable.Range(0, pixels.Height).Count(y => Near(pixels[x, y], colour)));
        int rows = Enumerable.Range(0, pixels.Height).Count(y => Near(pixels[column, y], colour));
        Assert.True(rows > 200, $"only {rows} rows of the error bar's colour in column {column}");
    }

    [Fact]
    public void WithoutSeveralSeedsNoBandIsDescribed()
    {
        var (_, path) = Save(Accuracy with { BandDescription = "band: min–max over 1 seeds" }, "nobands");
        Assert.DoesNotContain(SvgChart.Read(path).Texts, t => t.StartsWith("band:", StringComparison.Ordinal));
    }

    [Fact]
    public void ATitleTooLongForTheFigureWrapsInsteadOfBeingCut()
    {
        const string title = "Validation accuracy — Fashion-MNIST, 60,000 training images, validation on the test set, seeds 1 to 5";
        var (_, path) = Save(Accuracy with { Title = title }, "long", new PlotSize(640, 400));

        // Every word of the title is in the picture, over several lines (the title is drawn last).
        var texts = SvgChart.Read(path).Texts;
        var whole = title.Replace(" — ", " ", StringComparison.Ordinal);
        Assert.Contains(Enumerable.Range(2, 5), lines => string.Join(" ", texts.TakeLast(lines)) == whole);
    }

    [Fact]
    public void MoreSeriesThanColoursAreToldApartByTheirLinePattern()
    {
        Assert.Equal(HouseStyle.SeriesColor(0), HouseStyle.SeriesColor(HouseStyle.Palette.Count));
        Assert.NotEqual(HouseStyle.SeriesPattern(0), HouseStyle.SeriesPattern(HouseStyle.Palette.Count));
        var pairs = Enumerable.Range(0, 3 * HouseStyle.Palette.Count).Select(i => (HouseStyle.SeriesColor(i), HouseStyle.SeriesPattern(i)));
        Assert.Equal(3 * HouseStyle.Palette.Count, pairs.Distinct().Count());
    }

    [Fact]
    public void AnEmptyChartStillRenders()
    {
        var (png, svg) = Save(new LineChart("Nothing yet", "Epoch", "Accuracy", []), "e");
        PngFile.AssertValid(png);
        Assert.Empty(SvgChart.Read(svg).Series);
    }

    [Fact]
    public void SavingReplacesAnExistingFile()
    {
        File.WriteAllText(temp["a.svg"], "old");
        Save(Accuracy, "a");
        Assert.Equal(3, SvgChart.Read(temp["a.svg"]).Series.Count);
    }

    [Theory]
    [InlineData("1600x1000", 1600, 1000)]
    [InlineData("800×500", 800, 500)]
    [InlineData(" 1200X900 ", 1200, 900)]
    public void APlotSizeIsWidthByHeight(string text, int width, int height) =>
        Assert.Equal(new PlotSize(width, height), PlotSize.TryParse(text, out _));

    [Theory]
    [InlineData("1600", "expected WIDTHxHEIGHT")]
    [InlineData("axb", "expected WIDTHxHEIGHT")]
    [InlineData("-5x100", "expected WIDTHxHEIGHT")]
    [InlineData("100x100", "320–8000 pixels wide")]
    [InlineData("9000x1000", "320–8000 pixels wide")]
    public void ABadPlotSizeSaysWhatIsWrong(string text, string message)
    {
        Assert.Null(PlotSize.TryParse(text, out var error));
        Assert.Contains(message, error);
    }

    private static bool Near((byte R, byte G, byte B) pixel, ScottPlot.Color colour) =>
        Math.Abs(pixel.R - colour.R) + Math.Abs(pixel.G - colour.G) + Math.Abs(pixel.B - colour.B) < 30;

    public void Dispose() => temp.Dispose();
}
