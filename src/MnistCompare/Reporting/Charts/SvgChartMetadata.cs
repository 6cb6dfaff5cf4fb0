using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace MnistCompare.Reporting.Charts;

/// <summary>
/// Describes a chart in its SVG for programs: the text in the drawing says what a reader sees, this says what it
/// was drawn from (series in legend order, their colours, point counts and bands, the axis ranges, the note).
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

    internal static string AddTo(string svg, LineChart chart, ValueRange x, ValueRange y, string? note)
    {
        var description = Describe(chart, x, y, note);
        return Insert(svg, chart.Title, description);
    }

    private static XElement Describe(LineChart chart, ValueRange x, ValueRange y, string? note) =>

        new(Chart + "chart",
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
                new XAttribute("color", HouseStyle.SeriesColor(series.StyleIndex).ToHex().ToLowerInvariant()),
                new XAttribute("points", series.Points.Count),
                new XAttribute("band", series.Band is { Count: > 0 } ? "true" : "false"))));

    /// <summary>Puts a &lt;title&gt; and a &lt;metadata&gt; holding <paramref name="description"/> first in the SVG's root.</summary>
    internal static string Insert(string svg, string title, XElement description)
    {
        // Whitespace is preserved so that only the added elements differ from what SkiaSharp wrote.
        var document = XDocument.Parse(svg, LoadOptions.PreserveWhitespace);
        var root = document.Root ?? throw new InvalidDataException("The SVG has no root element.");
        root.AddFirst(new XElement(Svg + "title", title), new XElement(Svg + "metadata", description));
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var bytes = new MemoryStream();
        using (var writer = XmlWriter.Create(bytes, new XmlWriterSettings { Encoding = encoding }))
            document.Save(writer);
        return encoding.GetString(bytes.ToArray());
    }

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
