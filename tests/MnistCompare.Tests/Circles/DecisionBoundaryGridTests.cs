using MnistCompare.Circles;
using MnistCompare.Reporting.Circles;
using MnistCompare.Reporting.Charts;
using MnistCompare.Tests.Charts;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Circles;

// The grid of small multiples on synthetic maps, so that no training is needed.
public sealed class DecisionBoundaryGridTests : IDisposable
{
    private readonly TempFolder folder = new("mnistcompare-boundaries-");

    public void Dispose() => folder.Dispose();

    private static BoundaryFigure Figure(int panels) => new(
        "Synthetic", ["a disc of radius 0.75", "four points"],
        new LabelledPoints([0.5f, -0.5f, 1f, -1f], [0f, 0f, 0f, 0f], [1f, 1f, 0f, 0f]),
        Enumerable.Range(0, panels).Select(i => new BoundaryPanel($"panel {i}", 0.5 + i / 100.0, Maps.Disc())).ToList());

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void ThePngHasOnePanelPerConfiguration(int panels)
    {
        var path = folder[$"grid{panels}.png"];

        DecisionBoundaryGrid.Save(Figure(panels), path, Path.ChangeExtension(path, "svg"));

        BoundaryGridAssert.HasPanels(path, panels);
    }

    [Fact]
    public void TheShadingShowsTheInnerColourInsideAndTheOuterColourOutside()
    {
        var path = folder["colours.png"];
        DecisionBoundaryGrid.Save(Figure(1), path, Path.ChangeExtension(path, "svg"));

        var png = PngPixels.Read(path);
        var plot = new BoundaryGridLayout(1).Plot(0);
        // The disc's centre is P ≈ 1 (orange tint: more red than blue); a corner of the plane is P ≈ 0 (blue tint).
        var centre = png[(int)(plot.Left + plot.Width / 2), (int)(plot.Top + plot.Height / 2 - 20)];
        var corner = png[(int)plot.Left + 6, (int)plot.Top + 6];
        Assert.True(centre.R > centre.B + 50, $"centre {centre}");
        Assert.True(corner.B > corner.R + 50, $"corner {corner}");
    }

    [Fact]
    public void TheSvgListsEveryPanelWithItsTitleAsTextAndEmbedsOneShadingPerPanel()
    {
        var path = folder["grid.svg"];

        DecisionBoundaryGrid.Save(Figure(5), folder["grid.png"], path);

        var svg = BoundaryGridSvg.Read(path);
        var layout = new BoundaryGridLayout(5);
        Assert.Equal("Synthetic", svg.Title);
        Assert.Equal(($"{layout.Size.Width}", $"{layout.Size.Height}"), (svg.Width, svg.Height));
        string[] titles = ["panel 0: 50.0%", "panel 1: 51.0%", "panel 2: 52.0%", "panel 3: 53.0%", "panel 4: 54.0%"];
        Assert.Equal(titles, svg.Panels.Select(p => p.Title));
        Assert.Equal(["Synthetic", "a disc of radius 0.75", "four points", .. titles], svg.Texts);
        Assert.Equal(5, svg.ImageCount);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void TheBoundaryIsTheHalfProbabilityContourDrawnOverTheShading()
    {
        var path = folder["contour.png"];
        DecisionBoundaryGrid.Save(Figure(1), path, folder["contour.svg"]);

        // The disc's P = 0.5 circle has radius 0.75 of the map's ±1.5: a quarter of the panel from its centre. Along the
        // row through the centre, the darkest pixels (the line) sit there, on both sides.
        var png = PngPixels.Read(path);
        var plot = new BoundaryGridLayout(1).Plot(0);
        int row = (int)(plot.Top + plot.Height / 2);
        int Darkest(int from, int to) => Enumerable.Range(from, to - from).MinBy(x => png[x, row].R + png[x, row].G + png[x, row].B);
        int centre = (int)(plot.Left + plot.Width / 2), quarter = (int)(plot.Width / 4);
        Assert.InRange(Darkest((int)plot.Left + 4, centre - 10), centre - quarter - 3, centre - quarter + 3);
        Assert.InRange(Darkest(centre + 10, (int)plot.Right - 4), centre + quarter - 3, centre + quarter + 3);
    }

    [Fact]
    public void AnAskedSizeIsTheSizeOfThePicture()
    {
        var path = folder["sized.png"];
        DecisionBoundaryGrid.Save(Figure(7), path, folder["sized.svg"], new PlotSize(1200, 900));

        Assert.Equal((1200, 900), PngFile.AssertValid(path));
        BoundaryGridAssert.HasPanels(path, 7, new PlotSize(1200, 900));
    }

    [Fact]
    public void TheLayoutWrapsAfterFourColumns()
    {
        Assert.Equal((1, 1), (new BoundaryGridLayout(1).Columns, new BoundaryGridLayout(1).Rows));
        Assert.Equal((4, 1), (new BoundaryGridLayout(4).Columns, new BoundaryGridLayout(4).Rows));
        Assert.Equal((4, 2), (new BoundaryGridLayout(7).Columns, new BoundaryGridLayout(7).Rows));
        Assert.Equal((4, 5), (new BoundaryGridLayout(19).Columns, new BoundaryGridLayout(19).Rows));
    }
}
