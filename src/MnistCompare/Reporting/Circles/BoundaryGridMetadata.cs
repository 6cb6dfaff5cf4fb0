using System.Globalization;
using System.Xml.Linq;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Reporting.Circles;

/// <summary>
/// Describes a boundary grid in its SVG for programs, as <see cref="SvgChartMetadata"/> does for line charts (same
/// namespace):
/// <code>
/// &lt;title&gt;…figure title…&lt;/title&gt;
/// &lt;metadata&gt;
///   &lt;boundary-grid xmlns="urn:mnistcompare:chart" title="…" columns="4" rows="2" points="500"&gt;
///     &lt;panel index="0" title="ReLU: 99.2%" label="ReLU" test-accuracy="0.992" x="24" y="130" size="300"/&gt;
///     …one per panel, row by row…
///   &lt;/boundary-grid&gt;
/// &lt;/metadata&gt;
/// </code>
/// x, y and size place the panel's plot square in pixels (the SVG's units).
/// </summary>
public static class BoundaryGridMetadata
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace Chart = SvgChartMetadata.Namespace;

    internal static string AddTo(string svg, BoundaryFigure figure, BoundaryGridLayout layout)
    {
        var description = new XElement(Chart + "boundary-grid",
            new XAttribute("title", figure.Title),
            new XAttribute("columns", layout.Columns),
            new XAttribute("rows", layout.Rows),
            new XAttribute("points", figure.Points.Count),
            figure.Panels.Select((panel, index) =>
            {
                var plot = layout.Plot(index);
                return new XElement(Chart + "panel",
                    new XAttribute("index", index),
                    new XAttribute("title", panel.Title),
                    new XAttribute("label", panel.Label),
                    new XAttribute("test-accuracy", panel.Accuracy.ToString("R", CultureInfo.InvariantCulture)),
                    new XAttribute("x", plot.Left.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("y", plot.Top.ToString(CultureInfo.InvariantCulture)),
                    new XAttribute("size", plot.Width.ToString(CultureInfo.InvariantCulture)));
            }));
        return SvgChartMetadata.Insert(svg, figure.Title, description);
    }
}
