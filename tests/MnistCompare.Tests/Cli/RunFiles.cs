using System.Globalization;

namespace MnistCompare.Tests.Cli;

// One line of metrics.csv, read without the app's MetricsCsv so that tests of the files do not trust the code
// that writes them. Cells keep their text too: "unchanged" means the same characters, not just equal doubles.
public sealed record MetricsRow(string Line, string Activation, long Seed, int Epoch, double TrainLoss, double TrainAccuracy,
    double ValLoss, double ValAccuracy, double Seconds, bool Diverged, int? DivergedBatch);

public static class RunFiles
{
    public const string MetricsHeader = "activation,seed,epoch,train_loss,train_acc,val_loss,val_acc,seconds,diverged,diverged_batch";

    public static IReadOnlyList<MetricsRow> ReadMetrics(string path)
    {
        var lines = File.ReadAllLines(path);
        Assert.True(lines.Length > 0 && lines[0] == MetricsHeader, $"{path} starts with '{lines.FirstOrDefault()}'");
        return lines.Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var c = line.Split(',');
            Assert.True(c.Length == 10, $"{path}: '{line}' has {c.Length} cells");
            double D(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
            return new MetricsRow(line, c[0], long.Parse(c[1], CultureInfo.InvariantCulture), int.Parse(c[2], CultureInfo.InvariantCulture),
                D(c[3]), D(c[4]), D(c[5]), D(c[6]), D(c[7]), c[8] switch { "true" => true, "false" => false, _ => throw new FormatException(line) },
                c[9].Length == 0 ? null : int.Parse(c[9], CultureInfo.InvariantCulture));
        }).ToList();
    }

    // The rows of summary.md's table whose first cell is `activation` (its legend name, "ReLU").
    // Rows of summary.md's first table (the main one; later sections have tables of their own).
    public static IReadOnlyList<string[]> SummaryRows(string summaryPath, string activation) =>
        File.ReadAllLines(summaryPath)
            .SkipWhile(l => !l.StartsWith('|'))
            .TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Where(cells => cells[0] == activation)
            .ToList();

    public static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    // Every file under `folder` (relative path → contents), to show later what changed.
    public static IReadOnlyDictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes);

    // Leftovers of the atomic writes (".x.tmp", "x.png.tmp") or the writability probe.
    public static IReadOnlyList<string> TemporaryFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".tmp", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith(".write-probe", StringComparison.Ordinal))
            .ToList();
}
