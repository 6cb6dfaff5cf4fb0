using System.CommandLine;
using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Diagnostics;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// The type, not the namespace MnistCompare.Evaluation that an outer namespace would find first.
using Evaluation = MnistCompare.Training.Evaluation;

// `plot RUN_DIR...`: redraw the figures from metrics.csv, merging runs made separately (say one job per
// activation on several machines) into one set of figures and one summary.
public static class PlotCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("RUN_DIR") { Description = "Run folders holding metrics.csv.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the figures. Default: the run folder itself when there is one, else runs/merged-<date-time>." };
        var command = new Command("plot", "Re-render the plots from metrics.csv of one or more run folders.") { runs, output };
        command.SetAction(parse => Run(parse.GetValue(runs)!, parse.GetValue(output)));
        return command;
    }

    public static int Run(IReadOnlyList<string> runFolders, string? output)
    {
        var merged = new List<EpochMetrics>();
        var diagnostics = new List<LayerDiagnostics>();
        var settings = new List<RunSettings>();
        var finalTests = new Dictionary<(string Activation, long Seed), Evaluation>();
        foreach (var path in runFolders)
        {
            var folder = new RunFolder(path);
            if (!Directory.Exists(folder.Path)) throw new UserError($"RUN_DIR: {folder.Path} does not exist");
            if (!File.Exists(folder.MetricsPath)) throw new UserError($"RUN_DIR: {folder.MetricsPath} does not exist; is {path} a run folder?");
            var rows = MetricsCsv.Read(folder.MetricsPath);
            var clash = rows.Select(m => (m.Activation, m.Seed)).Distinct().FirstOrDefault(p => merged.Any(m => m.Activation == p.Activation && m.Seed == p.Seed));
            if (clash != default)
                throw new UserError($"RUN_DIR: {clash.Activation} with seed {clash.Seed} appears in more than one run folder; merge runs of different activations or seeds");
            merged.AddRange(rows);
            if (File.Exists(folder.DiagnosticsPath)) diagnostics.AddRange(DiagnosticsCsv.Read(folder.DiagnosticsPath));
            if (File.Exists(folder.ConfigPath)) settings.Add(RunConfigFile.Read(folder.ConfigPath));
            if (File.Exists(folder.TestResultsPath))
            {
                foreach (var (pair, result) in TestResultsCsv.Read(folder.TestResultsPath)) finalTests[pair] = result;
            }
        }
        var target = new RunFolder(output ?? (runFolders.Count == 1 ? runFolders[0] : Path.Combine("runs", "merged-" + DateTime.Now.ToString("yyyyMMdd-HHmmss"))));
        Directory.CreateDirectory(target.Path);
        var first = settings.FirstOrDefault() ?? new RunSettings();
        var combined = first with
        {
            Activations = merged.Select(m => m.Activation).Distinct().ToArray(),
            Seeds = merged.Select(m => m.Seed).Distinct().Count(),
        };
        CurvePlots.Render(target, merged, combined);
        DiagnosticsFigures.Render(target, diagnostics);
        if (runFolders.Count > 1 || output is not null)
        {
            MetricsCsv.Write(target.MetricsPath, merged);
            if (finalTests.Count > 0) TestResultsCsv.Write(target.TestResultsPath, finalTests);
            if (diagnostics.Count > 0) DiagnosticsCsv.Write(target.DiagnosticsPath, diagnostics);
        }
        var summaries = ActivationSummary.FromMetrics(merged, Model.ParameterCounts.Of, finalTests);
        ComparisonsCsv.Write(target.ComparisonsPath, PairwiseComparisons.Compare(summaries));
        AtomicFile.WriteAllText(target.SummaryPath, SummaryMarkdown.Format(combined, summaries));
        SummaryTable.Print(summaries);
        Console.Out.WriteLine($"Wrote the plots and summary.md to {target.Path}.");
        return 0;
    }
}
