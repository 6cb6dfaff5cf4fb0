using MnistCompare.Circles;
using MnistCompare.Reporting.Circles;
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

        DecisionBoundaryGrid.RenderPng(Figure(panels), path);

        BoundaryGridAssert.HasPanels(path, panels);
    }

    [Fact]
    public void TheShadingShowsTheInnerColourInsideAndTheOuterColourOutside()
    {
        var path = folder["colours.png"];
        DecisionBoundaryGrid.RenderPng(Figure(1), path);

        var png = PngPixels.Read(path);
        var plot = new BoundaryGridLayout(1).Plot(0);
        // The disc's centre is P ≈ 1 (orange tint: more red than blue); a corner of the plane is P ≈ 0 (blue tint).
        var centre = png[(int)(plot.X + plot.Width / 2), (int)(plot.Y + plot.Height / 2 - 20)];
        var corner = png[(int)plot.X + 6, (int)plot.Y + 6];
        Assert.True(centre.R > centre.B + 50, $"centre {centre}");
        Assert.True(corner.B > corner.R + 50, $"corner {corner}");
    }

    [Fact]
    public void TheSvgListsEveryPanelWithItsTitleAndEmbedsOneShadingPerPanel()
    {
        var path = folder["grid.svg"];

        DecisionBoundaryGrid.RenderSvg(Figure(5), path);

        var svg = BoundaryGridSvg.Read(path);
        var layout = new BoundaryGridLayout(5);
        Assert.Equal("Synthetic", svg.Title);
        Assert.Equal(($"{layout.Width}px", $"{layout.Height}px"), (svg.Width, svg.Height));
        Assert.Equal(["panel 0: 50.0%", "panel 1: 51.0%", "panel 2: 52.0%", "panel 3: 53.0%", "panel 4: 54.0%"], svg.Panels.Select(p => p.Title));
        Assert.Equal(5, svg.ImageCount);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
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
