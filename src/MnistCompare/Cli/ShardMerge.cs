using MnistCompare.Evaluation;
using MnistCompare.Reporting.Charts;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Diagnostics;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// `plot SHARD_DIR... --out DIR` when the folders are shards of one sweep (compare --shard K/N): joins them into one
// run folder that reads like a run of the whole plan — config.json without the shard, metrics.csv and test.csv in the
// plan's order, summary.md, the figures and models/ — so that a merged sweep equals the same sweep run in one
// process, all but the seconds. Shards still training (or never started) leave pairs out; the merge names them and
// goes on with the rest, and running it again once they finish completes the folder.
public static class ShardMerge
{
    public static bool AnyShard(IEnumerable<RunFolder> folders) =>
        folders.Any(f => File.Exists(f.ConfigPath) && RunConfigFile.Read(f.ConfigPath).Shard is not null);

    public static int Run(IReadOnlyList<RunFolder> sources, RunFolder target, PlotSize size)
    {
        static string Bare(RunFolder folder) => Path.TrimEndingDirectorySeparator(folder.Path);
        if (sources.FirstOrDefault(s => Bare(s) == Bare(target)) is { } overlap)
            throw new UserError($"--out: {overlap.Path} is one of the shards being merged; merge into a folder of its own");
        var shards = sources.Select(Read).ToList();
        var first = shards[0];
        foreach (var shard in shards.Skip(1))
        {
            var differing = SettingsComparison.Between(first.Settings, shard.Settings, SettingsComparison.ShardOrMachineKeys);
            if (differing.Count > 0)
            {
                throw new UserError($"run_dir: {shard.Folder.Path} is not a shard of the same sweep as {first.Folder.Path}: " +
                                    string.Join("; ", differing.Select(d => $"{d.Key} differs ({d.Second} against {d.First})")));
            }
        }

        var plan = first.Settings with { Shard = null };
        var order = plan.PlanPairs().Select((pair, i) => (pair, i)).ToDictionary(x => x.pair, x => x.i);
        var owners = new Dictionary<(string Activation, long Seed), Shard>();
        foreach (var shard in shards)
        {
            foreach (var pair in shard.Rows.Select(m => (m.Activation, m.Seed)).Distinct())
            {
                if (owners.TryGetValue(pair, out var earlier))
                {
                    throw new UserError($"run_dir: {pair.Activation} with seed {pair.Seed} appears in more than one run folder ({earlier.Folder.Path} " +
                                        $"and {shard.Folder.Path}); give each shard of a sweep once");
                }
                owners[pair] = shard;
            }
        }

        var metrics = shards.SelectMany(s => s.Rows).OrderBy(m => order[(m.Activation, m.Seed)]).ThenBy(m => m.Epoch).ToList();
        var finalTests = shards.SelectMany(s => s.FinalTests).OrderBy(t => order[t.Key]).ToDictionary(t => t.Key, t => t.Value);
        var finished = plan.PlanPairs().Where(p => owners.ContainsKey(p) && IsFinished(plan, metrics, finalTests, p)).ToHashSet();
        var missing = plan.PlanPairs().Select((pair, i) => (pair, i)).Where(x => !finished.Contains(x.pair))
            .Select(x => MissingPair(plan, x.pair, RunShard.IndexOf(x.i, first.Settings.Shard!.Count), first.Settings.Shard.Count, shards, metrics))
            .ToList();

        Directory.CreateDirectory(target.ModelsPath);
        RunConfigFile.Write(target.ConfigPath, plan);
        MetricsCsv.Write(target.MetricsPath, metrics);
        if (finalTests.Count > 0) TestResultsCsv.Write(target.TestResultsPath, finalTests);
        foreach (var pair in finished)
        {
            var weights = owners[pair].Folder.WeightsPath(pair.Activation, pair.Seed);
            if (File.Exists(weights)) CopyAtomically(weights, target.WeightsPath(pair.Activation, pair.Seed));
        }
        var evaluations = shards.SelectMany(s => EvaluationOutputs.ReadAll(s.Folder))
            .Where(e => finished.Contains((e.Activation, e.Seed)))
            .OrderBy(e => order[(e.Activation, e.Seed)]).ToList();
        // The merged folder holds every pair's evaluation too, so it reads like a run of the whole plan.
        foreach (var evaluation in evaluations) target.EvaluationFiles(evaluation.Activation, evaluation.Seed).Write(evaluation);
        EvaluationOutputs.WriteTable(target, evaluations);
        var diagnostics = shards.Where(s => File.Exists(s.Folder.DiagnosticsPath))
            .SelectMany(s => DiagnosticsCsv.Read(s.Folder.DiagnosticsPath))
            .OrderBy(d => order[(d.Activation, d.Seed)]).ThenBy(d => d.Epoch).ToList();
        if (diagnostics.Count > 0) DiagnosticsCsv.Write(target.DiagnosticsPath, diagnostics);
        var summaries = ActivationSummary.FromMetrics(metrics, Model.ParameterCounts.Of, finalTests);
        ComparisonsCsv.Write(target.ComparisonsPath, PairwiseComparisons.Compare(summaries));
        var status = missing.Count == 0
            ? null
            : $"In progress: {finished.Count} of {order.Count} activation × seed runs are finished; still missing: {string.Join("; ", missing)}.";
        AtomicFile.WriteAllText(target.SummaryPath, SummaryMarkdown.Format(plan, summaries, status, ActivationEvaluation.Of(evaluations)));
        CurvePlots.Render(target, metrics, plan, size);
        EvaluationOutputs.DrawFigures(target, evaluations);
        DiagnosticsFigures.Render(target, diagnostics);
        // Last, so that it embeds every figure drawn above.
        RunReport.Write(target);
        SummaryTable.Print(summaries);
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"note: {missing.Count} of {order.Count} activation × seed pairs are not finished, so the merge lacks them: " +
                                    $"{string.Join("; ", missing)}. Merge again once their shards finish.");
        }
        Console.Out.WriteLine($"Merged {shards.Count} shard{(shards.Count == 1 ? "" : "s")} ({finished.Count} of {order.Count} activation × seed runs) " +
                              $"into {target.Path}: config.json, metrics.csv, summary.md, the plots, {RunReport.FileName} and models/.");
        return 0;
    }

    private sealed record Shard(RunFolder Folder, RunSettings Settings, IReadOnlyList<EpochMetrics> Rows,
        IReadOnlyDictionary<(string Activation, long Seed), LossAndAccuracy> FinalTests);

    private static Shard Read(RunFolder folder)
    {
        PlotCommand.RequireRunFolder(folder);
        if (!File.Exists(folder.ConfigPath))
            throw new UserError($"run_dir: {folder.ConfigPath} does not exist; merging shards needs every shard's settings");
        var settings = RunConfigFile.Read(folder.ConfigPath);
        if (settings.Shard is null)
            throw new UserError($"run_dir: {folder.Path} is a whole run, not a shard (its config.json records no shard); merge the shards of one sweep only with each other");
        ConfigFileCheck.Checked(settings, "RUN_DIR", folder.ConfigPath);
        var own = settings.Pairs().ToHashSet();
        var rows = MetricsCsv.Read(folder.MetricsPath);
        if (rows.FirstOrDefault(m => !own.Contains((m.Activation, m.Seed))) is { } stray)
            throw new UserError($"run_dir: {folder.MetricsPath} has rows of {stray.Activation} seed {stray.Seed}, which is not a pair of its {settings.Shard.Describe()}", exitCode: 1);
        var tests = File.Exists(folder.TestResultsPath)
            ? TestResultsCsv.Read(folder.TestResultsPath)
            : new Dictionary<(string Activation, long Seed), LossAndAccuracy>();
        return new Shard(folder, settings, rows, tests);
    }

    // As a run in one process decides it on --resume: diverged, or every epoch recorded (and, validating on a
    // holdout, the final test too).
    private static bool IsFinished(RunSettings plan, IReadOnlyList<EpochMetrics> metrics,
        IReadOnlyDictionary<(string Activation, long Seed), LossAndAccuracy> finalTests, (string Activation, long Seed) pair)
    {
        var rows = metrics.Where(m => m.Activation == pair.Activation && m.Seed == pair.Seed).ToList();
        if (rows.Any(m => m.Diverged)) return true;
        if (rows.Select(m => m.Epoch).Distinct().Count() < plan.Epochs) return false;
        return plan.Validation != ValidationMode.Holdout || finalTests.ContainsKey(pair);
    }

    // "gelu seed 1 (shard 2 of 3, 1 of 2 epochs, in runs/x/shards/1)" or "… (shard 3 of 3: no folder given)".
    private static string MissingPair(RunSettings plan, (string Activation, long Seed) pair, int shardIndex, int shardCount,
        IReadOnlyList<Shard> shards, IReadOnlyList<EpochMetrics> metrics)
    {
        var holder = shards.FirstOrDefault(s => s.Settings.Pairs().Contains(pair));
        if (holder is null) return $"{pair.Activation} seed {pair.Seed} (shard {shardIndex} of {shardCount}: no folder given)";
        var epochs = metrics.Where(m => m.Activation == pair.Activation && m.Seed == pair.Seed).Select(m => m.Epoch).Distinct().Count();
        return $"{pair.Activation} seed {pair.Seed} ({holder.Settings.Shard!.Describe()}, {epochs} of {plan.Epochs} epochs, in {holder.Folder.Path})";
    }

    private static void CopyAtomically(string source, string destination) => AtomicFile.Write(destination, stream =>
    {
        using var input = File.OpenRead(source);
        input.CopyTo(stream);
    });
}
