using System.Globalization;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Circles;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Circles;

// `circles` end to end, on a small data set and few epochs so that each run takes a few seconds.
[Collection(AppCollection.Name)]
public sealed class CirclesCommandTests
{
    private static readonly string[] SmallOptions =
    [
        "--train-size", "200", "--test-size", "100", "--epochs", "5", "-a", "identity,relu,tanh", "--widths", "2,8",
        "--depths", "1,2,3", "--depth-width", "4", "--epochs-list", "1,2", "--epochs-layers", "4,8,4",
    ];

    private static readonly string[] Small = ["circles", .. SmallOptions];

    private readonly SharedRuns runs;

    public CirclesCommandTests(SharedRuns runs) => this.runs = runs;

    [Fact]
    public void WritesOneGridPerSweepWithOnePanelPerConfigurationAndTheTables()
    {
        var folder = runs.NewPath("circles");

        var result = AppRunner.Succeeds([.. Small, "--out", folder]);

        var expected = new Dictionary<string, string[]>
        {
            ["activations"] = ["Identity", "ReLU", "Tanh"],
            ["widths"] = ["width 2", "width 8"],
            ["depths"] = ["1 layer", "2 layers", "3 layers"],
            ["epochs"] = ["1 epoch", "2 epochs"],
        };
        var rows = CsvRows(folder);
        foreach (var (sweep, labels) in expected)
        {
            BoundaryGridAssert.HasPanels(Path.Combine(folder, sweep + ".png"), labels.Length);
            var svg = BoundaryGridSvg.Read(Path.Combine(folder, sweep + ".svg"));
            Assert.Equal(labels, svg.Panels.Select(p => p.Label));
            var sweepRows = rows.Where(r => r["sweep"] == sweep).ToList();
            Assert.Equal(labels, sweepRows.Select(r => r["configuration"]));
            // The panel titles carry the accuracies of the table.
            Assert.Equal(sweepRows.Select(r => double.Parse(r["test_accuracy"], CultureInfo.InvariantCulture)), svg.Panels.Select(p => p.TestAccuracy));
            Assert.All(svg.Panels, p => Assert.Equal($"{p.Label}: {p.TestAccuracy * 100:0.0}%", p.Title));
        }
        Assert.Equal(["4", "4-4", "4-4-4"], rows.Where(r => r["sweep"] == "depths").Select(r => r["hidden_layers"]));
        Assert.Equal(["1", "2"], rows.Where(r => r["sweep"] == "epochs").Select(r => r["epochs"]));
        Assert.All(rows.Where(r => r["sweep"] == "epochs"), r => Assert.Equal("4-8-4", r["hidden_layers"]));

        var markdown = File.ReadAllText(Path.Combine(folder, CirclesAccuracyMarkdown.FileName));
        Assert.Contains("200 training and 100 test points, seed 1", markdown);
        foreach (var sweep in expected.Keys) Assert.Contains($"![{sweep}]({sweep}.png)", markdown);
        foreach (var row in rows) Assert.Contains($"| {row["configuration"]} |", markdown);

        // Printed: one progress line per configuration, then the table with every configuration.
        Assert.Equal(rows.Count, result.OutLines.Count(l => l.Contains(" test ", StringComparison.Ordinal) && l.Contains("% ", StringComparison.Ordinal)));
        Assert.Contains(result.OutLines, l => l.Contains("Two rings: accuracy per configuration", StringComparison.Ordinal));
        foreach (var row in rows)
        {
            var percent = (double.Parse(row["test_accuracy"], CultureInfo.InvariantCulture) * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
            Assert.Contains(result.OutLines, l => l.Contains($"│ {row["sweep"]}", StringComparison.Ordinal) && l.Contains($" {row["configuration"]} ", StringComparison.Ordinal)
                                                  && l.Contains(percent, StringComparison.Ordinal));
        }
        Assert.Empty(RunFiles.TemporaryFiles(folder));
    }

    [Fact]
    public void TheSameSeedGivesTheSameAccuracies()
    {
        string[] args = [.. Small, "--sweeps", "activations,epochs", "--seed", "3"];
        var first = runs.NewPath("circles-seed3");
        var second = runs.NewPath("circles-seed3-again");
        var other = runs.NewPath("circles-seed4");

        AppRunner.Succeeds([.. args, "--out", first]);
        AppRunner.Succeeds([.. args, "--out", second]);
        AppRunner.Succeeds([.. Small, "--sweeps", "activations,epochs", "--seed", "4", "--out", other]);

        Assert.Equal(Accuracies(first), Accuracies(second));
        Assert.NotEqual(Accuracies(first), Accuracies(other));
        Assert.False(File.Exists(Path.Combine(first, "widths.png")), "only the sweeps asked for are drawn");
    }

    [Fact]
    public void AnEarlierRunIsReplacedOnlyWithForce()
    {
        var folder = runs.NewPath("circles-rerun");
        AppRunner.Succeeds([.. Small, "--sweeps", "epochs", "--out", folder]);
        var before = RunFiles.Snapshot(folder);

        var error = AppRunner.FailsWithOneLine(2, [.. Small, "--sweeps", "widths", "--out", folder]);

        Assert.Equal($"error: --out: {folder} already holds a circles run; pass --force to replace it, or choose another --out", error);
        Assert.Equal(before, RunFiles.Snapshot(folder));

        AppRunner.Succeeds([.. Small, "--sweeps", "widths", "--force", "--out", folder]);

        Assert.Equal(["accuracies.csv", "accuracies.md", "widths.png", "widths.svg"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(CsvRows(folder), r => Assert.Equal("widths", r["sweep"]));
    }

    [Theory]
    [InlineData("--widths: '0' is not a positive whole number", "--widths", "2,0")]
    [InlineData("--widths: 'x' is not a positive whole number", "--widths", "x")]
    [InlineData("--depths: '-1' is not a positive whole number", "--depths", "-1")]
    [InlineData("--epochs-list: '1.5' is not a positive whole number", "--epochs-list", "1.5")]
    [InlineData("--layers needs at least one number", "--layers", ",")]
    [InlineData("--sweeps: unknown sweep 'height'", "--sweeps", "widths,height")]
    [InlineData("--activations: Unknown activation 'nope'", "-a", "relu,nope")]
    [InlineData("--sweep-activation: Unknown activation 'nope'", "--sweep-activation", "nope")]
    [InlineData("--epochs must be a positive number", "--epochs", "0")]
    [InlineData("--batch-size must be a positive number", "--batch-size", "0")]
    [InlineData("--depth-width must be a positive number", "--depth-width", "0")]
    [InlineData("--lr must be a positive number", "--lr", "0")]
    [InlineData("--train-size must be at least 2", "--train-size", "1")]
    [InlineData("--test-size must be a positive number of points", "--test-size", "0")]
    [InlineData("--outer-radius must be a number larger than --inner-radius", "--inner-radius", "1.5")]
    [InlineData("--noise must be a number >= 0", "--noise", "-0.1")]
    public void ABadOptionIsOneLineAndExitCode2AndWritesNothing(string expected, params string[] args)
    {
        var folder = runs.NewPath("circles-unused");
        // The small settings, less those the case gives itself (an option given twice is an error of its own).
        var given = SmallOptions.Chunk(2).Where(pair => !args.Contains(pair[0])).SelectMany(pair => pair);

        var error = AppRunner.FailsWithOneLine(2, ["circles", .. given, "--out", folder, .. args]);

        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(folder), "nothing is written for a bad option");
    }

    private static List<Dictionary<string, string>> CsvRows(string folder)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, CirclesAccuracyCsv.FileName));
        Assert.Equal(CirclesAccuracyCsv.Header, lines[0]);
        var header = CsvCells.Split(lines[0]);
        return lines.Skip(1).Select(l => header.Zip(CsvCells.Split(l)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    // Everything but the seconds.
    private static List<string> Accuracies(string folder) =>
        CsvRows(folder).Select(r => string.Join(",", r.Where(c => c.Key != "seconds").Select(c => c.Value))).ToList();
}
