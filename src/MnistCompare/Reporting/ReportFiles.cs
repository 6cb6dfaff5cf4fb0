namespace MnistCompare.Reporting;

// The data files report.html links to: the known ones first with a word on what they hold, then any other CSV of
// the folder, then the confusion matrices one by one. Paths are relative to the run folder, so the links work
// wherever the folder is copied.
public static class ReportFiles
{
    public static readonly IReadOnlyList<(string Path, string Description)> Known =
    [
        (RunConfigFile.FileName, "every setting of the run"),
        (SummaryMarkdown.FileName, "the summary above, as Markdown"),
        (MetricsCsv.FileName, "one row per activation × seed × epoch: losses, accuracies, seconds, divergence"),
        ("test.csv", "the one test-set evaluation per activation × seed (validation on a holdout)"),
        ("evaluation.csv", "metrics per activation × seed × split"),
        ("comparisons.csv", "pairwise differences between activations, Welch p-values, Holm-adjusted"),
        ("diagnostics.csv", "per epoch and hidden layer: activation statistics, dead and saturated units, gradient norms"),
    ];

    public const string ConfusionFolder = "confusion";

    public static IReadOnlyList<(string Path, string Description)> In(string folder)
    {
        var known = Known.Where(k => File.Exists(Path.Combine(folder, k.Path))).ToList();
        var others = Csvs(folder)
            .Where(name => known.All(k => k.Path != name))
            .Select(name => (name, ""));
        var confusion = Csvs(Path.Combine(folder, ConfusionFolder))
            .Select(name => ($"{ConfusionFolder}/{name}", "a confusion matrix (rows: true digit, columns: predicted)"));
        return known.Concat(others).Concat(confusion).ToList();
    }

    private static IEnumerable<string> Csvs(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*.csv").Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal)
        : [];
}
