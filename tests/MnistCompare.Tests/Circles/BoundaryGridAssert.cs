using MnistCompare.Reporting.Circles;

namespace MnistCompare.Tests.Circles;

// Checks that a boundary-grid PNG holds exactly the given number of panels: the image has the size of that
// layout, every panel's square is framed and shaded, and every cell of the grid past the last panel is blank.
public static class BoundaryGridAssert
{
    public static void HasPanels(string pngPath, int count)
    {
        var png = PngPixels.Read(pngPath);
        var layout = new BoundaryGridLayout(count);
        Assert.Equal((layout.Width, layout.Height), (png.Width, png.Height));
        for (var i = 0; i < layout.Columns * layout.Rows; i++)
        {
            var plot = layout.Plot(i);
            var (x0, y0, size) = ((int)plot.X, (int)plot.Y, (int)plot.Width);
            if (i < count)
            {
                // The frame's left edge, halfway down, is dark; most of the square is tinted by the shading.
                var edge = png[x0, y0 + size / 2];
                Assert.True(edge.R < 100 && edge.G < 100 && edge.B < 100, $"panel {i} of {count}: no frame at ({x0}, {y0 + size / 2}) in {pngPath}");
                var tinted = Pixels(x0 + 2, y0 + 2, size - 4).Count(p => !IsWhite(png[p.X, p.Y]));
                Assert.True(tinted > size * size / 4, $"panel {i} of {count}: only {tinted} shaded pixels in {pngPath}");
            }
            else
            {
                Assert.True(Pixels(x0, y0, size).All(p => IsWhite(png[p.X, p.Y])), $"cell {i} should be empty with {count} panels in {pngPath}");
            }
        }
    }

    private static bool IsWhite((byte R, byte G, byte B) c) => c.R == 255 && c.G == 255 && c.B == 255;

    private static IEnumerable<(int X, int Y)> Pixels(int x0, int y0, int size) =>
        Enumerable.Range(y0, size).SelectMany(y => Enumerable.Range(x0, size).Select(x => (x, y)));
}
