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
            Description = "Activations to draw, comma-separated. Default: every element-wise activation in the registry.",
            CustomParser = r => ActivationList.Split(r.Tokens.Select(t => t.Value)),
        };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the figures.", DefaultValueFactory = _ => Path.Combine("runs", "activations") };
        var plotSize = PlotSizeOption.Create();
        var command = new Command("activations", "Plot every activation and its derivative (computed by autograd) on [−5, 5], and print a table of values.")
        {
            names,
            output,
            plotSize,
        };
        command.SetAction(parse => Run(parse.GetValue(names) is { Length: > 0 } chosen ? chosen : ActivationRegistry.Names.ToArray(), parse.GetValue(output)!, parse.GetValue(plotSize) ?? PlotSize.Default));
        return command;
    }

    public static int Run(IReadOnlyList<string> names, string outputFolder, PlotSize size)
    {
        foreach (var name in names) ResolveOrFail(name);
        Directory.CreateDirectory(outputFolder);
        var curves = ActivationCurves.Compute(names);
        var (functions, derivatives) = ActivationCurves.Charts(curves);
        foreach (var (file, chart) in new[] { ("activations", functions), ("activation_derivatives", derivatives) })
        {
            LineChartPlot.Save(chart, Path.Combine(outputFolder, file + ".png"), Path.Combine(outputFolder, file + ".svg"), size);
        }
        var table = new Table().Title("f(x) / f′(x)").AddColumn("x");
        foreach (var c in curves) table.AddColumn(Markup.Escape(c.Name), col => col.RightAligned());
        foreach (var x in TableX)
        {
            var cells = new List<string> { x.ToString(CultureInfo.InvariantCulture) };
            foreach (var c in curves)
            {
                var i = Array.FindIndex(c.X, v => Math.Abs(v - x) < 1e-9);
                cells.Add(i < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{c.Y[i]:0.####} / {c.Derivative[i]:0.####}"));
            }
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
        var skipped = names.Except(curves.Select(c => c.Name)).ToList();
        if (skipped.Count > 0) Console.Out.WriteLine($"Not element-wise, so not drawn: {string.Join(", ", skipped)}.");
        Console.Out.WriteLine($"Wrote {Path.Combine(outputFolder, "activations.png")} and activation_derivatives.png (and .svg).");
        return 0;
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
