using MnistCompare.Reporting.Charts;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Charts;

public sealed class ChartRendererTests : IDisposable
{
    private readonly TempFolder temp = new();

    private static Series S(string name, int index, params double[] ys) =>
        new(name, Palette.At(index), ys.Select((y, i) => new SeriesPoint(i + 1, y)).ToArray());

    private static readonly LineChart Accuracy = new("Validation accuracy", "Epoch", "Accuracy",
        [
            S("ReLU", 0, 0.95, 0.97, 0.98, 0.985, 0.986, 0.987, 0.988, 0.988),
            S("Sigmoid", 1, 0.11, 0.11, 0.11, 0.94, 0.95, 0.97, 0.975, 0.98),
            S("GELU (tanh)", 2, 0.96, 0.975, 0.982, 0.986, 0.987, 0.988, 0.989, 0.99),
        ])
    {
        YRangePolicy = YRangePolicy.Accuracy,
        Legend = LegendPosition.BottomRight,
        ShowMarkers = true,
    };

    [Fact]
    public void PngHasTheRequestedSize()
    {
        ChartRenderer.RenderPng(Accuracy, temp["a.png"]);
        Assert.Equal((ChartRenderer.DefaultWidth, ChartRenderer.DefaultHeight), PngFile.AssertValid(temp["a.png"]));
        ChartRenderer.RenderPng(Accuracy, temp["small.png"], 800, 500);
        Assert.Equal((800, 500), PngFile.AssertValid(temp["small.png"]));
        Assert.Empty(RunFiles.TemporaryFiles(temp.Path));
    }

    [Fact]
    public void SvgCarriesTheTitleSeriesAndZoomNoteAsData()
    {
        ChartRenderer.RenderSvg(Accuracy, temp["a.svg"]);

        var svg = SvgChart.Read(temp["a.svg"]);
        Assert.Equal("Validation accuracy", svg.Title);
        Assert.Equal(("1600px", "1000px"), (svg.Width, svg.Height));
        Assert.Equal(["ReLU", "Sigmoid", "GELU (tanh)"], svg.Names);
        Assert.Equal(["#1f77b4", "#ff7f0e", "#2ca02c"], svg.Series.Select(s => s.Color));
        Assert.All(svg.Series, s => Assert.Equal((8, false), (s.Points, s.Band)));
        // Sigmoid's first three epochs at chance are cut off by the zoom, and the note says so.
        Assert.True(svg.YMin > 0.11, $"y from {svg.YMin}");
        Assert.Equal("y-axis zoomed: 3 of 24 points below the plot (lowest 0.11)", svg.Note);
        Assert.Empty(RunFiles.TemporaryFiles(temp.Path));
    }

    [Fact]
    public void BandsAndNonFiniteValuesAreRecorded()
    {
        var banded = new Series("ReLU", Palette.At(0), [new(1, 0.5), new(2, double.NaN), new(3, 0.7)],
            [new(1, 0.45, 0.55), new(3, 0.65, 0.75)]);
        ChartRenderer.RenderSvg(new LineChart("t", "x", "y", [banded]), temp["b.svg"]);

        var svg = SvgChart.Read(temp["b.svg"]);
        Assert.True(Assert.Single(svg.Series).Band);
        Assert.Equal("1 non-finite point omitted", svg.Note);
    }

    [Fact]
    public void AnEmptyChartStillRenders()
    {
        var empty = new LineChart("Nothing yet", "Epoch", "Accuracy", []);
        ChartRenderer.RenderPng(empty, temp["e.png"]);
        ChartRenderer.RenderSvg(empty, temp["e.svg"]);
        PngFile.AssertValid(temp["e.png"]);
        Assert.Empty(SvgChart.Read(temp["e.svg"]).Series);
    }

    [Fact]
    public void RenderingReplacesAnExistingFile()
    {
        File.WriteAllText(temp["a.svg"], "old");
        ChartRenderer.RenderSvg(Accuracy, temp["a.svg"]);
        Assert.Equal(3, SvgChart.Read(temp["a.svg"]).Series.Count);
    }

    [Fact]
    public void AnUnwritablePathIsACairoErrorNamingTheFileAndLeavesNothing()
    {
        // The temporary path is a directory, so cairo cannot create it.
        var blocked = temp["blocked.png"];
        Directory.CreateDirectory(blocked + ".tmp");
        foreach (var render in new Action[] { () => ChartRenderer.RenderPng(Accuracy, blocked), () => ChartRenderer.RenderSvg(Accuracy, blocked) })
        {
            var e = Assert.Throws<CairoException>(render);
            Assert.Contains("blocked.png.tmp", e.Message);
            Assert.False(File.Exists(blocked));
        }
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(100, -1)]
    public void ASizeMustBePositive(int width, int height) =>
        Assert.ThrowsAny<ArgumentException>(() => ChartRenderer.RenderPng(Accuracy, temp["x.png"], width, height));

    [Fact]
    public void ThePaletteCyclesThroughTab10()
    {
        Assert.Equal(new ChartColor(0x1f, 0x77, 0xb4), ChartColor.FromHex("#1f77b4"));
        Assert.Equal(Palette.At(0), Palette.At(10));
        Assert.Equal(Palette.At(9), Palette.At(-1));
        Assert.Equal("#d62728", Palette.At(3).ToHex());
    }

    public void Dispose() => temp.Dispose();
}
