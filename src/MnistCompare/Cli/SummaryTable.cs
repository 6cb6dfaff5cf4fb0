using System.Globalization;
using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using Spectre.Console;

namespace MnistCompare.Cli;

// What the summary looks like in the terminal at the end of a run: means (with their 95% confidence intervals when
// there are several seeds), then which differences the seeds support.
public static class SummaryTable
{
    public static void Print(IReadOnlyList<ActivationSummary> rows)
    {
        var severalSeeds = rows.Any(r => r.Seeds > 1);
        var holdout = rows.Any(r => r.TestAccuracy is { Count: > 0 });
        var table = new Table().Title(Markup.Escape(severalSeeds ? "Validation summary (mean [95% CI] over seeds)" : "Validation summary"))
            .AddColumns("Activation", "Best acc", "Final acc", "Final loss");
        if (holdout) table.AddColumn("Test acc");
        table.AddColumns("s/epoch", "Params", "Diverged");
        foreach (var r in rows)
        {
            var cells = new List<string> { r.Activation, Percent(r.BestValAccuracy), Percent(r.FinalValAccuracy), Loss(r.FinalValLoss) };
            if (holdout) cells.Add(r.TestAccuracy is { } test ? Percent(test) : "–");
            cells.Add(SummaryMarkdown.Seconds(r.SecondsPerEpoch));
            cells.Add(r.ParameterCount.ToString("N0", CultureInfo.InvariantCulture));
            cells.Add(r.Divergences.Count == 0 ? "no" : string.Join("; ", r.Divergences));
            // Brackets are Spectre markup: every cell is plain text.
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        foreach (var line in ComparisonSentences.Describe(rows, PairwiseComparisons.Compare(rows)))
            Console.Out.WriteLine(line.Replace("**", "", StringComparison.Ordinal));
    }

    private static string Percent(Statistic s) => s.Count switch
    {
        0 => "–",
        1 => string.Create(CultureInfo.InvariantCulture, $"{s.Mean * 100:F2}%"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{s.Mean * 100:F2}% [{s.Interval.Low * 100:F2}, {s.Interval.High * 100:F2}]"),
    };

    private static string Loss(Statistic s) => s.Count switch
    {
        0 => "–",
        1 => s.Mean.ToString("F4", CultureInfo.InvariantCulture),
        _ => string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F4} [{s.Interval.Low:F4}, {s.Interval.High:F4}]"),
    };
}
