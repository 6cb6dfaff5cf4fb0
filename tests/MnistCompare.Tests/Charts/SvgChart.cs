using System.Globalization;
using System.Xml.Linq;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Tests.Charts;

// One series as SvgChartMetadata records it.
public sealed record SvgSeries(int Index, string Name, string Color, int Points, bool Band);

// An SVG chart written by LineChartPlot, parsed with System.Xml.Linq: the root element, the chart description in the
// urn:mnistcompare:chart namespace (see SvgChartMetadata for the convention), and every <text> element's words.
public sealed record SvgChart(XDocument Document, string Title, string Width, string Height, double YMin, double YMax, string? Note,
    IReadOnlyList<SvgSeries> Series, IReadOnlyList<string> Texts)
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    public static readonly XNamespace Meta = SvgChartMetadata.Namespace;

    public IReadOnlyList<string> Names => Series.Select(s => s.Name).ToList();

    public static SvgChart Read(string path)
    {
        Assert.True(File.Exists(path), $"{path} does not exist");
        var document = XDocument.Load(path);
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        var chart = Assert.Single(root.Descendants(Meta + "chart"));
        Assert.Equal(Svg + "metadata", chart.Parent!.Name);
        double Number(string name) => double.Parse((string)chart.Attribute(name)!, NumberStyles.Float, CultureInfo.InvariantCulture);
        var series = chart.Elements(Meta + "series").Select(s => new SvgSeries(
            (int)s.Attribute("index")!, (string)s.Attribute("name")!, (string)s.Attribute("color")!, (int)s.Attribute("points")!,
            (string)s.Attribute("band")! switch { "true" => true, "false" => false, var v => throw new FormatException($"band=\"{v}\"") })).ToList();
        Assert.Equal(Enumerable.Range(0, series.Count), series.Select(s => s.Index));
        Assert.Equal((string)chart.Attribute("title")!, root.Element(Svg + "title")?.Value);
        return new SvgChart(document, (string)chart.Attribute("title")!, (string)root.Attribute("width")!, (string)root.Attribute("height")!,
            Number("y-min"), Number("y-max"), (string?)chart.Attribute("note"), series, TextsOf(document));
    }

    /// <summary>The words of every &lt;text&gt; element, in document order, whitespace trimmed.</summary>
    public static IReadOnlyList<string> TextsOf(XDocument document) =>
        document.Descendants(Svg + "text").Select(t => string.Concat(t.DescendantNodes().OfType<XText>().Select(x => x.Value)).Trim()).ToList();
}
