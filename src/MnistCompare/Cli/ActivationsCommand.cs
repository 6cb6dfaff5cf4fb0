using System.CommandLine;
using System.Globalization;
using CustomActivations;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Charts;
using Spectre.Console;

namespace MnistCompare.Cli;

// `activations`: every registered activation and its derivative, drawn over [−5, 5] and tabulated.
public static class ActivationsCommand
{
    private static readonly double[] TableX = { -5, -2, -1, -0.5, 0, 0.5, 1, 2, 5 };

    public static Command Create()
    {
        var names = new Option<string[]>("--activations", "-a")
        {
            Description = "Activations to draw, comma-separated. [default: every element-wise activation in the registry]",
           
            CustomParser = r => ActivationList.Split(r.Tokens.Select(t => t.Value)),
        };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for the figures. [default: runs/activations in the repository]" };
        var plotSize = PlotSizeOption.Create();
        var command = new Command("activations", "Plot every activation and its derivative (computed by autograd) on [−5, 5], and print a table of values.")
        {
            names,
            output,
            plotSize,
        };
        command.SetAction(parse => Run(parse.GetValue(names) is { Length: > 0 } chosen ? chosen : ActivationRegistry.Names.ToArray(),
            parse.GetValue(output) ?? Path.Combine(RunsDirectory.Root, "activations"), parse.GetValue(plotSize) ?? PlotSize.Default));
        return command;
    }

    public static int Run(IReadOnlyList<string> names, string outputFolder, PlotSize size)
    {
        foreach (var name in names) ResolveOrFail(name);
        OutputFolder.Checked(outputFolder);
        var curves = ActivationCurves.Compute(names);
        var skipped = names.Except(curves.Select(c => c.Name)).ToList();
        // Empty figures and a zero exit would look like success.
        if (curves.Count == 0)
            throw new UserError($"--activations: {string.Join(", ", skipped)} cannot be drawn: not element-wise (maxout takes the maximum over groups " +
                                "of channels, softmax normalises across a vector); name an element-wise activation too (see 'list')");
        Directory.CreateDirectory(outputFolder);
        var (functions, derivatives) = ActivationCurves.Charts(curves);
        foreach (var (file, chart) in new[] { ("activations", functions), ("activation_derivatives", derivatives) })
        {
            LineChartPlot.Save(chart, Path.Combine(outputFolder, file + ".png"), Path.Combine(outputFolder, file + ".svg"), size);
        }
        AnsiConsole.Write(ValueTable("f(x)", curves, c => c.Y));
        AnsiConsole.Write(ValueTable("f′(x), by autograd", curves, c => c.Derivative));
        if (skipped.Count > 0) Console.Out.WriteLine($"Not element-wise, so not drawn: {string.Join(", ", skipped)}.");
        Console.Out.WriteLine($"Wrote {Path.Combine(outputFolder, "activations.png")} and activation_derivatives.png (and .svg).");
        return 0;
    }

    // One row per activation and one column per x: nine short numbers fit a 120-column log line, and no cell may wrap,
    // so a number is never split across lines.
    private static Table ValueTable(string title, IReadOnlyList<ActivationCurves.Curve> curves, Func<ActivationCurves.Curve, double[]> values)
    {
        var table = new Table().Title(title).AddColumn(new TableColumn("activation").NoWrap());
        foreach (var x in TableX) table.AddColumn(new TableColumn(Number(x)).RightAligned().NoWrap());
        foreach (var c in curves)
        {
            var cells = new List<string> { Markup.Escape(c.DisplayName) };
            foreach (var x in TableX)
            {
                var i = Array.FindIndex(c.X, v => Math.Abs(v - x) < 1e-9);
                cells.Add(i < 0 ? "" : Number(values(c)[i]));
            }
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    // Four decimals; a tiny negative value rounds to zero, not to "-0".
    public static string Number(double value)
    {
        var text = value.ToString("0.####", CultureInfo.InvariantCulture);
        return text == "-0" ? "0" : text;
    }

    private static void ResolveOrFail(string name)
    {
        try
        {
            ActivationRegistry.Parse(name);
        }
        catch (ArgumentException e)
        {
            throw new UserError($"--activations: {CompareOptions.MessageWithoutParameterName(e)}");
        }
    }
}
