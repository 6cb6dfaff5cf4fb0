using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace MnistCompare.Reporting;

// An SVG file made fit to sit inside report.html next to other SVGs. Inline SVGs share the page's id space: cairo
// names its glyphs "glyph0-1" in every file, so without a prefix per figure the second chart would draw its text with
// the first chart's glyphs. ScottPlot writes a fixed width and height and no viewBox; with a viewBox instead, CSS
// can scale the figure to the page's width. Scripts, event handlers and references outside the file are dropped:
// the page must run nothing and fetch nothing.
public static partial class InlineSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // The <svg> element as markup for an HTML page, or InvalidDataException when the file is not an SVG document.
    public static string Markup(string svgText, string idPrefix)
    {
        var root = Parse(svgText);
        RemoveActiveContent(root);
        PrefixIds(root, idPrefix);
        MakeScalable(root);
        root.SetAttributeValue("role", "img");
        return root.ToString(SaveOptions.DisableFormatting | SaveOptions.OmitDuplicateNamespaces);
    }

    private static XElement Parse(string svgText)
    {
        // No DTD is read and nothing is resolved: an SVG's DOCTYPE could otherwise make the parser fetch a file.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(svgText), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"not well-formed XML ({e.Message})");
        }
        var root = document.Root!;
        if (root.Name != Svg + "svg") throw new InvalidDataException($"the root element is <{root.Name.LocalName}>, not an SVG <svg>");
        return root;
    }

    private static void RemoveActiveContent(XElement root)
    {
        root.Descendants().Where(e => e.Name.LocalName is "script" or "foreignObject").ToList().ForEach(e => e.Remove());
        foreach (var element in root.DescendantsAndSelf().ToList())
        {
            foreach (var attribute in element.Attributes().ToList())
            {
                var name = attribute.Name.LocalName;
                var external = name == "href" && !attribute.Value.StartsWith('#') && !attribute.Value.StartsWith("data:image/", StringComparison.Ordinal);
                if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || external) attribute.Remove();
            }
        }
    }

    private static void PrefixIds(XElement root, string prefix)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in root.DescendantsAndSelf().Select(e => e.Attribute("id")).OfType<XAttribute>())
        {
            ids[attribute.Value] = prefix + attribute.Value;
            attribute.Value = prefix + attribute.Value;
        }
        string Renamed(string value) => UrlReference().Replace(value, m =>
            ids.TryGetValue(m.Groups["id"].Value, out var id) ? $"url(#{id})" : m.Value);
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.LocalName != "id"))
            {
                if (attribute.Name.LocalName == "href" && attribute.Value.StartsWith('#'))
                {
                    if (ids.TryGetValue(attribute.Value[1..], out var id)) attribute.Value = "#" + id;
                }
                else if (attribute.Value.Contains("url(", StringComparison.Ordinal))
                {
                    attribute.Value = Renamed(attribute.Value);
                }
            }
            if (element.Name.LocalName == "style") element.Value = Renamed(element.Value);
        }
    }

    // A viewBox from the fixed size when there is none; then the size goes, so that the page's CSS decides it.
    private static void MakeScalable(XElement root)
    {
        if (root.Attribute("viewBox") is null)
        {
            if (Length((string?)root.Attribute("width")) is not { } width || Length((string?)root.Attribute("height")) is not { } height) return;
            root.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {width} {height}"));
        }
        root.SetAttributeValue("width", null);
        root.SetAttributeValue("height", null);
    }

    // "800" or "800px" → 800, "600pt" → 800: without a viewBox the drawing counts in CSS pixels. A percentage or
    // another unit gives no size, and the figure keeps its own.
    private static double? Length(string? value)
    {
        var match = value is null ? null : SizeAttribute().Match(value);
        if (match is not { Success: true }) return null;
        var number = double.Parse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var length = match.Groups["unit"].Value == "pt" ? number * 4 / 3 : number;
        return length > 0 ? length : null;
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(\.[0-9]+)?)(?<unit>px|pt)?\s*$")]
    private static partial Regex SizeAttribute();

    [GeneratedRegex(@"url\(\s*['""]?#(?<id>[^)'""\s]+)['""]?\s*\)")]
    private static partial Regex UrlReference();
}
