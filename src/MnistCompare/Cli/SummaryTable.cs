using System.Globalization;
using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using Spectre.Console;

namespace MnistCompare.Cli;

// What the summary looks like in the terminal at the end of a run: the names and numbers of summary.md (means with
// their 95% confidence intervals when there are several seeds), then which differences the seeds support.
public static class SummaryTable
{
    public static void Print(IReadOnlyList<ActivationSummary> rows)
    {
        var holdout = rows.Any(r => r.TestAccuracy is not null);
        var severalSeeds = rows.Any(r => r.Seeds > 1);
        var table = new Table().Title(Markup.Escape(severalSeeds ? "Validation summary (mean [95% CI] over seeds)" : "Validation summary")).AddColumns("Activation", "Best acc", "Final acc", "Final loss", "s/epoch", "Params", "Diverged");
        if (holdout) table.AddColumn("Test acc");
        foreach (var r in rows)
        {
            var cells = new List<string>
            {
                LegendNames.Of(r.Activation), SummaryMarkdown.Percent(r.BestValAccuracy), SummaryMarkdown.Percent(r.FinalValAccuracy),
                SummaryMarkdown.Loss(r.FinalValLoss),
                SummaryMarkdown.Seconds(r.SecondsPerEpoch), r.ParameterCount.ToString("N0", CultureInfo.InvariantCulture),
                r.Divergences.Count == 0 ? "no" : string.Join("; ", r.Divergences),
            };
            if (holdout) cells.Add(r.TestAccuracy is { } test ? SummaryMarkdown.Percent(test) : "");
            // Brackets (the confidence intervals) are Spectre markup: every cell is plain text.
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        AnsiConsole.Write(table);
        foreach (var line in ComparisonSentences.Describe(rows, PairwiseComparisons.Compare(rows)))
            Console.Out.WriteLine(line.Replace("**", "", StringComparison.Ordinal));
    }
}
