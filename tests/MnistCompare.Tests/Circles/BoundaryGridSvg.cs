using System.Globalization;
using System.Xml.Linq;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Tests.Circles;

// One panel as BoundaryGridMetadata records it.
public sealed record SvgPanel(int Index, string Title, string Label, double TestAccuracy);

// A boundary-grid SVG: its size, the panels its metadata lists (see BoundaryGridMetadata) and its <text> elements.
public sealed record BoundaryGridSvg(string Title, string Width, string Height, IReadOnlyList<SvgPanel> Panels, int ImageCount,
    IReadOnlyList<string> Texts)
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Meta = SvgChartMetadata.Namespace;

    public static BoundaryGridSvg Read(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        var document = XDocument.Load(path);
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        var grid = Assert.Single(root.Descendants(Meta + "boundary-grid"));
        Assert.Equal(Svg + "metadata", grid.Parent!.Name);
        Assert.Equal((string)grid.Attribute("title")!, root.Element(Svg + "title")?.Value);
        var panels = grid.Elements(Meta + "panel").Select(p => new SvgPanel((int)p.Attribute("index")!, (string)p.Attribute("title")!,
            (string)p.Attribute("label")!, double.Parse((string)p.Attribute("test-accuracy")!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Enumerable.Range(0, panels.Count), panels.Select(p => p.Index));
        return new BoundaryGridSvg((string)grid.Attribute("title")!, (string)root.Attribute("width")!, (string)root.Attribute("height")!, panels,
            root.Descendants(Svg + "image").Count(), Charts.SvgChart.TextsOf(document));
    }
}
