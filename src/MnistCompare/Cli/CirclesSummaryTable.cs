using System.Globalization;
using CustomActivations;
using MnistCompare.Circles;
using MnistCompare.Reporting.Circles;
using Spectre.Console;

namespace MnistCompare.Cli;

// The accuracies of a circles run as they look in the terminal at its end.
public static class CirclesSummaryTable
{
    public static void Print(IReadOnlyList<CirclesResult> results)
    {
        var table = new Table().Title("Two rings: accuracy per configuration")
            .AddColumns("Sweep", "Configuration", "Activation", "Hidden layers", "Epochs", "Params", "Train acc", "Test acc");
        foreach (var column in table.Columns.Skip(4)) column.RightAligned();
        foreach (var r in results)
        {
            var c = r.Configuration;
            table.AddRow(c.Sweep.Name(), Markup.Escape(c.Label), Markup.Escape(ActivationRegistry.Parse(c.Activation).DisplayName), c.Layers,
                c.Epochs.ToString(CultureInfo.InvariantCulture), r.Parameters.ToString("N0", CultureInfo.InvariantCulture),
                CirclesAccuracyMarkdown.Percent(r.TrainAccuracy), CirclesAccuracyMarkdown.Percent(r.TestAccuracy));
        }
        AnsiConsole.Write(table);
    }
}
