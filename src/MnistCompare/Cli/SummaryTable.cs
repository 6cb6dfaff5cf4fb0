using System.Globalization;
using MnistCompare.Reporting;
using Spectre.Console;

namespace MnistCompare.Cli;

// What the summary looks like in the terminal at the end of a run.
public static class SummaryTable
{
    public static void Print(IReadOnlyList<ActivationSummary> rows)
    {
        var table = new Table().Title("Validation summary").AddColumns("Activation", "Best acc", "Final acc", "Final loss", "s/epoch", "Params", "Diverged");
        foreach (var r in rows)
        {
            table.AddRow(Markup.Escape(r.Activation), Percent(r.BestValAccuracy), Percent(r.FinalValAccuracy),
                r.FinalValLoss.Count == 0 ? "–" : r.FinalValLoss.Mean.ToString("F4", CultureInfo.InvariantCulture),
                SummaryMarkdown.Seconds(r.SecondsPerEpoch), r.ParameterCount.ToString("N0", CultureInfo.InvariantCulture),
                r.Divergences.Count == 0 ? "no" : Markup.Escape(string.Join("; ", r.Divergences)));
        }
        AnsiConsole.Write(table);
    }

    private static string Percent(Statistic s) => s.Count == 0 ? "–" : (s.Mean * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";
}
