using MnistCompare.Circles;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Reporting.Circles;

// The output folder of `circles`: per sweep a grid of decision boundaries (<sweep>.png and .svg), and the
// accuracies as accuracies.md and accuracies.csv. Everything in it follows from the settings, so a second run
// into the same folder replaces the files, and removes the pictures of sweeps it did not run: left behind, they
// would show results that accuracies.md no longer lists.
public sealed class CirclesOutput
{
    public CirclesOutput(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public string Picture(CirclesSweep sweep, string extension) => System.IO.Path.Combine(Path, $"{sweep.Name()}.{extension}");

    public string MarkdownPath => System.IO.Path.Combine(Path, CirclesAccuracyMarkdown.FileName);

    public string CsvPath => System.IO.Path.Combine(Path, CirclesAccuracyCsv.FileName);

    public void Write(CirclesSettings settings, TwoRingsData data, IReadOnlyList<CirclesResult> results, PlotSize? plotSize = null)
    {
        Directory.CreateDirectory(Path);
        foreach (var group in results.GroupBy(r => r.Configuration.Sweep))
        {
            var figure = Figure(settings, data, group.Key, group.ToList());
            DecisionBoundaryGrid.Save(figure, Picture(group.Key, "png"), Picture(group.Key, "svg"), plotSize);
        }
        foreach (var sweep in CirclesSweeps.All.Except(results.Select(r => r.Configuration.Sweep)))
        {
            File.Delete(Picture(sweep, "png"));
            File.Delete(Picture(sweep, "svg"));
        }
        AtomicFile.WriteAllText(MarkdownPath, CirclesAccuracyMarkdown.Format(settings, results));
        AtomicFile.WriteAllText(CsvPath, CirclesAccuracyCsv.Format(results));
    }

    public static BoundaryFigure Figure(CirclesSettings settings, TwoRingsData data, CirclesSweep sweep, IReadOnlyList<CirclesResult> results) => new(
        CirclesPlan.Describe(settings, sweep),
        [
            "Shading: the network's P(inner ring), blue below 0.5, orange above; line: P = 0.5.",
            $"Dots: the {data.Test.Count} test points of the two rings. Panel titles: test accuracy.",
        ],
        data.Test,
        results.Select(r => new BoundaryPanel(r.Configuration.Label, r.TestAccuracy, r.Map)).ToList());

    /// <summary>For the run's last line: which files it wrote.</summary>
    public string Describe(CirclesSettings settings) =>
        $"{System.IO.Path.Combine(Path, CirclesAccuracyMarkdown.FileName)}, {CirclesAccuracyCsv.FileName} and " +
        string.Join(", ", settings.Sweeps.Select(s => s.Name() + ".png")) + " (and .svg)";
}
