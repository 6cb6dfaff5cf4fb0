using MnistCompare.Reporting.Charts;
using MnistCompare.Reporting.Circles;

namespace MnistCompare.Tests.Circles;

// Checks that a boundary-grid PNG holds exactly the given number of panels: the image has the size of that
// layout, every panel's square is framed and shaded, and every cell of the grid past the last panel is blank.
public static class BoundaryGridAssert
{
    public static void HasPanels(string pngPath, int count, PlotSize? size = null)
    {
        var png = PngPixels.Read(pngPath);
        var layout = new BoundaryGridLayout(count, size);
        Assert.Equal((layout.Size.Width, layout.Size.Height), (png.Width, png.Height));
        for (var i = 0; i < layout.Columns * layout.Rows; i++)
        {
            var plot = layout.Plot(i);
            var (x0, y0, side) = ((int)plot.Left, (int)plot.Top, (int)plot.Width);
            if (i < count)
            {
                // The frame's left edge, halfway down, is dark (within a pixel: at sizes that scale the design by a
                // fraction the line falls between two columns); most of the square is tinted by the shading.
                var edge = Enumerable.Range(x0 - 1, 3).Select(x => png[x, y0 + side / 2]).MinBy(c => c.R + c.G + c.B);
                Assert.True(edge.R < 180 && edge.G < 180 && edge.B < 180, $"panel {i} of {count}: no frame at ({x0}, {y0 + side / 2}) in {pngPath}");
                var tinted = Pixels(x0 + 2, y0 + 2, side - 4).Count(p => !IsWhite(png[p.X, p.Y]));
                Assert.True(tinted > side * side / 4, $"panel {i} of {count}: only {tinted} shaded pixels in {pngPath}");
            }
            else
            {
                Assert.True(Pixels(x0, y0, side).All(p => IsWhite(png[p.X, p.Y])), $"cell {i} should be empty with {count} panels in {pngPath}");
            }
        }
    }

    private static bool IsWhite((byte R, byte G, byte B) c) => c.R == 255 && c.G == 255 && c.B == 255;

    private static IEnumerable<(int X, int Y)> Pixels(int x0, int y0, int size) =>
        Enumerable.Range(y0, size).SelectMany(y => Enumerable.Range(x0, size).Select(x => (x, y)));
}
