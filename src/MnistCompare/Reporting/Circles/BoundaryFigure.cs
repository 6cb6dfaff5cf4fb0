using System.Globalization;
using MnistCompare.Circles;

namespace MnistCompare.Reporting.Circles;

// What one figure of small multiples shows: a title, up to two lines of notes under it, the test points every
// panel draws on top, and one panel per trained configuration.
public sealed record BoundaryFigure(string Title, IReadOnlyList<string> Notes, LabelledPoints Points, IReadOnlyList<BoundaryPanel> Panels);

// One configuration's panel: its label, its test accuracy (in the panel title) and its probability map.
public sealed record BoundaryPanel(string Label, double Accuracy, ProbabilityMap Map)
{
    public string Title => string.Create(CultureInfo.InvariantCulture, $"{Label}: {Accuracy * 100:0.0}%");
}
