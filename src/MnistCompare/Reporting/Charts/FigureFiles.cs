using ScottPlot;
using SkiaSharp;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Writes a figure as PNG and SVG from the same ScottPlot objects, each file replaced atomically. SkiaSharp's SVG
/// canvas keeps text as &lt;text&gt; elements, so an SVG can be searched and edited.
/// </summary>
public static partial class FigureFiles
{
    /// <param name="decorateSvg">Adds what a program reading the SVG needs (our &lt;metadata&gt;) to the XML text.</param>
    public static void Write(IMultiplot figure, PlotSize size, string pngPath, string svgPath, Func<string, string>? decorateSvg = null)
    {
        AtomicFile.Write(pngPath, stream => stream.Write(Png(figure, size)));
        var svg = Svg(figure, size);
        AtomicFile.WriteAllText(svgPath, decorateSvg is null ? svg : decorateSvg(svg));
    }

    public static byte[] Png(IMultiplot figure, PlotSize size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"SkiaSharp could not make a {size} surface.");
        Draw(figure, surface.Canvas, size);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public static string Svg(IMultiplot figure, PlotSize size)
    {
        using var stream = new MemoryStream();
        // The canvas completes the document only when disposed.
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, size.Width, size.Height), stream))
            Draw(figure, canvas, size);
        return NumberClipPathsFromOne(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    // SkiaSharp names clip paths from a process-wide counter; renumbered in order of appearance, the same figure
    // gives the same SVG text every time, so a redrawn picture shows no change in a diff.
    private static string NumberClipPathsFromOne(string svg)
    {
        var numbers = new Dictionary<string, int>();
        return ClipPathId().Replace(svg, match =>
        {
            if (!numbers.TryGetValue(match.Value, out var number)) numbers[match.Value] = number = numbers.Count + 1;
            return "cl_" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bcl_[0-9a-fA-F]+\b")]
    private static partial System.Text.RegularExpressions.Regex ClipPathId();

    // Multiplot.Render would first clear the canvas to transparent, which an SVG shows as a black rectangle wherever
    // no subplot covers it (the margins of a grid); so the figure is cleared to the house background here instead,
    // and the subplots are placed by the multiplot's own layout.
    private static void Draw(IMultiplot figure, SKCanvas canvas, PlotSize size)
    {
        canvas.Clear(HouseStyle.Background.ToSKColor());
        var places = figure.Layout.GetSubplotRectangles(figure.Subplots, new PixelRect(0, size.Width, size.Height, 0));
        var plots = figure.GetPlots();
        for (int i = 0; i < plots.Length; i++)
        {
            // Each subplot draws at the origin of a translated canvas: ScottPlot's scale factor would scale a
            // subplot's offset within the figure as well as its contents.
            plots[i].RenderManager.ClearCanvasBeforeEachRender = false;
            canvas.Save();
            canvas.Translate(places[i].Left, places[i].Top);
            plots[i].Render(canvas, new PixelRect(0, places[i].Width, places[i].Height, 0));
            canvas.Restore();
        }
    }
}
