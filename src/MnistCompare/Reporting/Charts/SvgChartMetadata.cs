using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Makes a chart's content findable in the SVG that cairo wrote. cairo draws text as glyph outlines, so
/// neither the title nor the legend names appear as text in its SVG; this adds them as data.
/// </summary>
/// <remarks>
/// Convention (the first children of the root &lt;svg&gt;):
/// <code>
/// &lt;title&gt;Validation accuracy&lt;/title&gt;
/// &lt;metadata&gt;
///   &lt;chart xmlns="urn:mnistcompare:chart" title="…" x-label="…" y-label="…"
///          x-min="…" x-max="…" y-min="…" y-max="…" note="…"&gt;
///     &lt;series index="0" name="relu" color="#1f77b4" points="20" band="false"/&gt;
///     …one per series, in legend order…
///   &lt;/chart&gt;
/// &lt;/metadata&gt;
/// </code>
/// The axis limits are the ranges actually drawn (after any zoom); numbers use the invariant culture. The
/// note attribute, present only when some data is not visible, repeats the note printed on the chart
/// (e.g. "y-axis zoomed: 3 of 120 points below the plot (lowest 0.113)").
/// </remarks>
public static class SvgChartMetadata
{
    public const string Namespace = "urn:mnistcompare:chart";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Chart = Namespace;

    internal static void AddTo(string svgPath, LineChart chart, ValueRange x, ValueRange y, string? note)
    {
        // Whitespace is preserved so that only the added elements differ from what cairo wrote.
        var document = XDocument.Load(svgPath, LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new InvalidDataException($"{svgPath} has no root element.");

        var description = new XElement(Chart + "chart",
            new XAttribute("title", chart.Title),
            new XAttribute("x-label", chart.XLabel),
            new XAttribute("y-label", chart.YLabel),
            new XAttribute("x-min", Invariant(x.Min)),
            new XAttribute("x-max", Invariant(x.Max)),
            new XAttribute("y-min", Invariant(y.Min)),
            new XAttribute("y-max", Invariant(y.Max)),
            note is null ? null : new XAttribute("note", note),
            chart.Series.Select((series, index) => new XElement(Chart + "series",
                new XAttribute("index", index),
                new XAttribute("name", series.Name),
                new XAttribute("color", series.Color.ToHex()),
                new XAttribute("points", series.Points.Count),
                new XAttribute("band", series.Band is { Count: > 0 } ? "true" : "false"))));

        root.AddFirst(
            new XElement(Svg + "title", chart.Title),
            new XElement(Svg + "metadata", description));

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };
        using var writer = XmlWriter.Create(svgPath, settings);
        document.Save(writer);
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
