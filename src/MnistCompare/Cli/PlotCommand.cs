using System.CommandLine;
using MnistCompare.Evaluation;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Charts;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// `plot RUN_DIR...`: redraw the figures from metrics.csv and the evaluation records, merging runs made separately
// (say one job per activation on several machines) into one set of figures, one evaluation.csv and one summary.
public static class PlotCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("RUN_DIR") { Description = "Run folders holding metrics.csv.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the figures. Default: the run folder itself when there is one, else runs/merged-<date-time>." };
        var plotSize = PlotSizeOption.Create();
        var command = new Command("plot", "Re-render the plots from metrics.csv of one or more run folders; the shards of one sweep " +
                                                "(compare --shard) merge into one run folder of the whole plan.") { runs, output, plotSize };
        command.SetAction(parse => Run(parse.GetValue(runs)!, parse.GetValue(output), parse.GetValue(plotSize) ?? PlotSize.Default));
        return command;
    }

    public static int Run(IReadOnlyList<string> runFolders, string? output, PlotSize size)
    {
        var folders = runFolders.Select(p => new RunFolder(p)).ToList();
        foreach (var folder in folders) RequireRunFolder(folder);
        // Shards of one sweep (compare --shard) join into one run of the whole plan; one folder alone is redrawn.
        if ((folders.Count > 1 || output is not null) && ShardMerge.AnyShard(folders))
            return ShardMerge.Run(folders, new RunFolder(output ?? DefaultMergedPath()), size);
        var merged = new List<EpochMetrics>();
        var settings = new List<RunSettings>();
        var finalTests = new Dictionary<(string Activation, long Seed), LossAndAccuracy>();
        var evaluations = new List<PairEvaluation>();
        foreach (var path in runFolders)
        {
            var folder = new RunFolder(path);
            var rows = MetricsCsv.Read(folder.MetricsPath);
            var clash = rows.Select(m => (m.Activation, m.Seed)).Distinct().FirstOrDefault(p => merged.Any(m => m.Activation == p.Activation && m.Seed == p.Seed));
            if (clash != default)
                throw new UserError($"RUN_DIR: {clash.Activation} with seed {clash.Seed} appears in more than one run folder; merge runs of different activations or seeds");
            merged.AddRange(rows);
            if (File.Exists(folder.ConfigPath)) settings.Add(RunConfigFile.Read(folder.ConfigPath));
            if (File.Exists(folder.TestResultsPath))
            {
                foreach (var (pair, result) in TestResultsCsv.Read(folder.TestResultsPath)) finalTests[pair] = result;
            }
            evaluations.AddRange(EvaluationOutputs.ReadAll(folder));
        }
        // In the order of the merged metrics, as a comparison lists its pairs.
        var order = merged.Select(m => (m.Activation, m.Seed)).Distinct().Select((pair, index) => (pair, index)).ToDictionary(p => p.pair, p => p.index);
        evaluations = evaluations.OrderBy(e => order.GetValueOrDefault((e.Activation, e.Seed), int.MaxValue)).ToList();
        var target = new RunFolder(output ?? (runFolders.Count == 1 ? runFolders[0] : DefaultMergedPath()));
        Directory.CreateDirectory(target.Path);
        var first = settings.FirstOrDefault() ?? new RunSettings();
        var combined = first with
        {
            Activations = merged.Select(m => m.Activation).Distinct().ToArray(),
            Seeds = merged.Select(m => m.Seed).Distinct().Count(),
        };
        CurvePlots.Render(target, merged, combined, size);
        EvaluationOutputs.DrawFigures(target, evaluations);
        if (runFolders.Count > 1 || output is not null)
        {
            MetricsCsv.Write(target.MetricsPath, merged);
            if (finalTests.Count > 0) TestResultsCsv.Write(target.TestResultsPath, finalTests);
            // The merged folder holds every pair's evaluation too, so it can itself be merged or redrawn.
            foreach (var evaluation in evaluations) target.EvaluationFiles(evaluation.Activation, evaluation.Seed).Write(evaluation);
        }
        EvaluationOutputs.WriteTable(target, evaluations);
        var summaries = ActivationSummary.FromMetrics(merged, Model.ParameterCounts.Of, finalTests);
        AtomicFile.WriteAllText(target.SummaryPath, SummaryMarkdown.Format(combined, summaries, evaluations: ActivationEvaluation.Of(evaluations)));
        // Last, so that it embeds the figures and the summary written above.
        RunReport.Write(target);
        SummaryTable.Print(summaries);
        Console.Out.WriteLine($"Wrote the plots, summary.md and {RunReport.FileName} to {target.Path}.");
        return 0;
    }

    private static string DefaultMergedPath() => Path.Combine("runs", "merged-" + DateTime.Now.ToString("yyyyMMdd-HHmmss"));

    internal static void RequireRunFolder(RunFolder folder)
    {
        if (!Directory.Exists(folder.Path)) throw new UserError($"RUN_DIR: {folder.Path} does not exist");
        if (!File.Exists(folder.MetricsPath)) throw new UserError($"RUN_DIR: {folder.MetricsPath} does not exist; is {folder.Path} a run folder?");
    }
}
