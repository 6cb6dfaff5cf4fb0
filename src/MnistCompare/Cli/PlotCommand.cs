using System.CommandLine;
using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Charts;
using MnistCompare.Reporting.Diagnostics;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// `plot <run_dir>...`: redraw the figures from metrics.csv and the evaluation records, merging runs made separately
// (say one job per activation on several machines) into one set of figures, one evaluation.csv and one summary. Runs
// made with different settings are refused, naming the settings, unless --label-runs keeps them apart: each series is
// then named after its run. The shards of one sweep (compare --shard) are joined by ShardMerge instead.
public static class PlotCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run_dir") { Description = "Run folders holding metrics.csv.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Where to write the figures. [default: the run folder itself when there is one, else runs/merged-<date-time> in the repository]",
        };
        var labelRuns = new Option<bool>("--label-runs")
        {
            Description = "Name every series \"activation · run\", so that runs with different settings (learning rate, dataset, epochs…), or " +
                          "the same activation in several runs, share one chart.",
        };
        var plotSize = PlotSizeOption.Create();
        var command = new Command("plot", "Re-render the plots from metrics.csv of one or more run folders; the shards of one sweep " +
                                          "(compare --shard) merge into one run folder of the whole plan.") { runs, output, labelRuns, plotSize };
        command.SetAction(parse => Run(parse.GetValue(runs)!, parse.GetValue(output), parse.GetValue(labelRuns), parse.GetValue(plotSize) ?? PlotSize.Default));
        return command;
    }

    public static int Run(IReadOnlyList<string> runFolders, string? output, bool labelRuns = false, PlotSize? size = null)
    {
        var plotSize = size ?? PlotSize.Default;
        if (output is not null) OutputFolder.Checked(output);
        var folders = runFolders.Select(p => new RunFolder(p)).ToList();
        foreach (var folder in folders) RequireRunFolder(folder);
        if ((folders.Count > 1 || output is not null) && ShardMerge.AnyShard(folders))
            return ShardMerge.Run(folders, new RunFolder(output ?? RunsDirectory.NewFolder("merged-")), plotSize);
        var sources = folders.Select(Source.Read).ToList();
        var labels = labelRuns ? RunLabels(sources) : null;
        if (labels is null) RequireSameSettings(sources);
        var merged = new List<EpochMetrics>();
        var activationOf = new Dictionary<string, string>();
        var finalTests = new Dictionary<(string Activation, long Seed), LossAndAccuracy>();
        var evaluations = new List<PairEvaluation>();
        var diagnostics = new List<LayerDiagnostics>();
        for (var i = 0; i < sources.Count; i++)
        {
            string Named(string activation)
            {
                var name = labels is null ? activation : $"{LegendNames.Of(activation)} · {labels[i]}";
                activationOf[name] = activation;
                return name;
            }
            var rows = sources[i].Rows.Select(m => m with { Activation = Named(m.Activation) }).ToList();
            var clash = rows.Select(m => (m.Activation, m.Seed)).Distinct().FirstOrDefault(p => merged.Any(m => m.Activation == p.Activation && m.Seed == p.Seed));
            if (clash != default)
                throw new UserError($"run_dir: {clash.Activation} with seed {clash.Seed} appears in more than one run folder; merge runs of different " +
                                    "activations or seeds, or pass --label-runs to keep each run's curves apart");
            merged.AddRange(rows);
            foreach (var ((activation, seed), result) in sources[i].FinalTests) finalTests[(Named(activation), seed)] = result;
            evaluations.AddRange(EvaluationOutputs.ReadAll(sources[i].Folder).Select(e => e with { Activation = Named(e.Activation) }));
            if (File.Exists(sources[i].Folder.DiagnosticsPath))
                diagnostics.AddRange(DiagnosticsCsv.Read(sources[i].Folder.DiagnosticsPath).Select(d => d with { Activation = Named(d.Activation) }));
        }
        // In the order of the merged metrics, as a comparison lists its pairs.
        var order = merged.Select(m => (m.Activation, m.Seed)).Distinct().Select((pair, index) => (pair, index)).ToDictionary(p => p.pair, p => p.index);
        evaluations = evaluations.OrderBy(e => order.GetValueOrDefault((e.Activation, e.Seed), int.MaxValue)).ToList();
        var target = new RunFolder(output ?? (runFolders.Count == 1 ? runFolders[0] : RunsDirectory.NewFolder("merged-")));
        Directory.CreateDirectory(target.Path);
        var first = sources.Select(s => s.Settings).FirstOrDefault(s => s is not null) ?? new RunSettings();
        var combined = first with
        {
            Activations = merged.Select(m => m.Activation).Distinct().ToArray(),
            Seeds = merged.Select(m => m.Seed).Distinct().Count(),
        };
        if (labels is null) CurvePlots.Render(target, merged, combined, plotSize);
        else
        {
            var runs = "runs " + string.Join(", ", labels) + " (settings in summary.md)";
            CurvePlots.Render(target, merged, runs, runs, plotSize);
        }
        EvaluationOutputs.DrawFigures(target, evaluations);
        DiagnosticsFigures.Render(target, diagnostics);
        if (runFolders.Count > 1 || output is not null)
        {
            MetricsCsv.Write(target.MetricsPath, merged);
            if (finalTests.Count > 0) TestResultsCsv.Write(target.TestResultsPath, finalTests);
            // The merged folder holds every pair's evaluation too, so it can itself be merged or redrawn.
            foreach (var evaluation in evaluations) target.EvaluationFiles(evaluation.Activation, evaluation.Seed).Write(evaluation);
            if (diagnostics.Count > 0) DiagnosticsCsv.Write(target.DiagnosticsPath, diagnostics);
        }
        EvaluationOutputs.WriteTable(target, evaluations);
        var summaries = ActivationSummary.FromMetrics(merged, name => Model.ParameterCounts.Of(activationOf.GetValueOrDefault(name, name)), finalTests);
        ComparisonsCsv.Write(target.ComparisonsPath, PairwiseComparisons.Compare(summaries));
        var runDescriptions = labels?.Select((label, i) => $"{label}: {(sources[i].Settings is { } s ? SummaryMarkdown.Describe(s) : "no config.json")}").ToList();
        AtomicFile.WriteAllText(target.SummaryPath,
            SummaryMarkdown.Format(combined, summaries, evaluations: ActivationEvaluation.Of(evaluations), runs: runDescriptions));
        // Last, so that it embeds the figures and the summary written above.
        RunReport.Write(target);
        SummaryTable.Print(summaries);
        Console.Out.WriteLine($"Wrote the plots, summary.md and {RunReport.FileName} to {target.Path}.");
        return 0;
    }

    internal static void RequireRunFolder(RunFolder folder)
    {
        if (!Directory.Exists(folder.Path)) throw new UserError($"run_dir: {folder.Path} does not exist");
        if (!File.Exists(folder.MetricsPath)) throw new UserError($"run_dir: {folder.MetricsPath} does not exist; is {folder.Path} a run folder?");
    }

    // Curves made with other settings would be drawn under the first run's description as if they were alike.
    private static void RequireSameSettings(IReadOnlyList<Source> sources)
    {
        var recorded = sources.Where(s => s.Settings is not null).ToList();
        foreach (var other in recorded.Skip(1))
        {
            var differences = SettingsComparison.Between(recorded[0].Settings!, other.Settings!);
            if (differences.Count > 0)
                throw new UserError($"run_dir: {recorded[0].Folder.Path} and {other.Folder.Path} were made with different settings: " +
                                    $"{string.Join(", ", differences)}; pass --label-runs to draw them together, each series named after its run");
        }
    }

    // Each run's folder name, made unique with its position when two folders share a name.
    private static IReadOnlyList<string> RunLabels(IReadOnlyList<Source> sources)
    {
        var names = sources.Select(s => Path.GetFileName(Path.TrimEndingDirectorySeparator(s.Folder.Path))).ToList();
        return names.Select((n, i) => names.Count(m => m == n) > 1 ? $"{n} ({i + 1})" : n).ToList();
    }

    private sealed record Source(RunFolder Folder, IReadOnlyList<EpochMetrics> Rows, RunSettings? Settings,
        IReadOnlyDictionary<(string Activation, long Seed), LossAndAccuracy> FinalTests)
    {
        public static Source Read(RunFolder folder)
        {
            var tests = File.Exists(folder.TestResultsPath)
                ? TestResultsCsv.Read(folder.TestResultsPath)
                : new Dictionary<(string Activation, long Seed), LossAndAccuracy>();
            return new Source(folder, MetricsCsv.Read(folder.MetricsPath), File.Exists(folder.ConfigPath) ? RunConfigFile.Read(folder.ConfigPath) : null, tests);
        }
    }
}
