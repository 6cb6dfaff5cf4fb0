using System.CommandLine;
using System.Globalization;
using MnistCompare.Circles;
using MnistCompare.Reporting.Charts;
using MnistCompare.Reporting.Circles;
using static TorchSharp.torch;

namespace MnistCompare.Cli;

// `circles`: why non-linearity matters, on two rings of points that no straight line separates. Trains a small
// MLP per configuration of each sweep, draws every decision boundary, writes and prints the accuracies.
public static class CirclesCommand
{
    public static Command Create()
    {
        var options = new CirclesOptions();
        var command = new Command("circles",
            "Train a small MLP on two concentric rings of points, once per activation and per width, depth and epoch count, " +
            "and draw each decision boundary.");
        foreach (var option in options.All) command.Options.Add(option);
        command.SetAction(parse => Run(options.ToSettings(parse), parse.GetValue(options.Out) ?? RunsDirectory.NewFolder("circles-"),
            parse.GetValue(options.Force), parse.GetValue(options.PlotSize)));
        return command;
    }

    public static int Run(CirclesSettings settings, string outputFolder, bool force = false, PlotSize? plotSize = null)
    {
        // As compare does: the pictures of an earlier run are not replaced, nor its stale sweeps deleted, unasked.
        var target = new CirclesOutput(OutputFolder.Checked(outputFolder));
        if (!force && (File.Exists(target.MarkdownPath) || File.Exists(target.CsvPath)))
            throw new UserError($"--out: {target.Path} already holds a circles run; pass --force to replace it, or choose another --out");
        // The thread count is process-wide; an in-process caller (the tests) gets its own back.
        var threads = get_num_threads();
        set_num_threads(settings.Threads);
        try
        {
            var data = TwoRingsData.Generate(settings.Shape, settings.Seed);
            var output = target;
            Console.Out.WriteLine(CirclesAccuracyMarkdown.DescribeData(settings));
            var results = CirclesExperiment.Run(settings, data, result => Console.Out.WriteLine(Progress(result)));
            output.Write(settings, data, results, plotSize);
            CirclesSummaryTable.Print(results);
            Console.Out.WriteLine($"Wrote {output.Describe(settings)}");
            return 0;
        }
        finally
        {
            set_num_threads(threads);
        }
    }

    private static string Progress(CirclesResult r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Configuration.Sweep.Name(),-12}{r.Configuration.Label,-20}test {r.TestAccuracy * 100,6:F1}%   train {r.TrainAccuracy * 100,6:F1}%   {r.Seconds,5:F1} s");
}
