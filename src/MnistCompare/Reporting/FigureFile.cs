using System.Text;
using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace MnistCompare.Reporting;

// Writes a ScottPlot multiplot (one panel per activation) as PNG or SVG through AtomicFile. The SVG names its panels
// in a <metadata> element, in order, so that a reader (or a test) knows what it holds without reading glyphs:
// <metadata><figure xmlns="urn:mnistcompare:figure" title="…"><panel index="0" name="ReLU"/>…</figure></metadata>
public static class FigureFile
{
    public const string MetadataNamespace = "urn:mnistcompare:figure";

    // A multiplot of exactly these panels (a new Multiplot starts with an empty one of its own).
    public static Multiplot Multiplot(IEnumerable<Plot> panels, IMultiplotLayout layout)
    {
        var list = panels.ToList();
        var figure = new Multiplot(list[0]) { Layout = layout };
        foreach (var panel in list.Skip(1)) figure.AddPlot(panel);
        return figure;
    }

    public static void WritePng(string path, Multiplot figure, int width, int height)
    {
        using var image = figure.Render(width, height);
        var bytes = image.GetImageBytes(ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    public static void WriteSvg(string path, Multiplot figure, int width, int height, string title, IReadOnlyList<string> panels)
    {
        var svg = new MemoryStream();
        using (var skiaStream = new SKManagedWStream(svg))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), skiaStream))
        {
            figure.Render(canvas, new PixelRect(0, width, height, 0));
        }
        svg.Position = 0;
        var document = XDocument.Load(svg, LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new InvalidOperationException("SkiaSharp wrote an SVG without a root element");
        XNamespace svgNamespace = "http://www.w3.org/2000/svg";
        XNamespace figureNamespace = MetadataNamespace;
        root.AddFirst(new XElement(svgNamespace + "title", title),
            new XElement(svgNamespace + "metadata", new XElement(figureNamespace + "figure", new XAttribute("title", title),
                panels.Select((name, index) => new XElement(figureNamespace + "panel", new XAttribute("index", index), new XAttribute("name", name))))));
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            document.Save(writer, SaveOptions.DisableFormatting);
        });
    }
}
