namespace MnistCompare.Reporting;

// The layout of a run folder (runs/<name> or --out DIR): config.json, metrics.csv, summary.md, evaluation.csv, the
// plots, report.html, models/, evaluation/ and confusion/ (per activation × seed) and checkpoints/ (each training's
// state after its last finished epoch, to resume or extend it).
public sealed class RunFolder
{
    public RunFolder(string path) => Path = System.IO.Path.GetFullPath(path);

    public string Path { get; }

    public string ConfigPath => Combine(RunConfigFile.FileName);

    public string MetricsPath => Combine(MetricsCsv.FileName);

    public string SummaryPath => Combine(SummaryMarkdown.FileName);

    public string TestResultsPath => Combine("test.csv");

    public string ReportPath => Combine(RunReport.FileName);

    public string ComparisonsPath => Combine(ComparisonsCsv.FileName);

    public string DiagnosticsPath => Combine(DiagnosticsCsv.FileName);

    public string ModelsPath => Combine("models");

    public string WeightsPath(string activation, long seed) => System.IO.Path.Combine(ModelsPath, $"{SafeName(activation)}-seed{seed}.weights");

    public string CheckpointsPath => Combine("checkpoints");

    public string CheckpointPath(string activation, long seed) =>
        System.IO.Path.Combine(CheckpointsPath, $"{SafeName(activation)}-seed{seed}.checkpoint");

    public string EvaluationCsvPath => Combine(EvaluationCsv.FileName);

    // One evaluation record per finished activation × seed (see PairEvaluationFiles).
    public string PairEvaluationsPath => Combine("evaluation");

    public string ConfusionPath => Combine("confusion");

    public PairEvaluationFiles EvaluationFiles(string activation, long seed)
    {
        var pair = $"{SafeName(activation)}-seed{seed}";
        return new PairEvaluationFiles(System.IO.Path.Combine(PairEvaluationsPath, pair + ".json"),
            System.IO.Path.Combine(ConfusionPath, pair + ".csv"), System.IO.Path.Combine(ConfusionPath, pair + "-test.csv"));
    }

    public string PlotPath(string name, string extension) => Combine($"{name}.{extension}");

    public bool Exists => File.Exists(ConfigPath) || File.Exists(MetricsPath);

    // A fresh run must not mix with an old one: an existing run folder needs --resume or --force.
    public void Prepare(bool resume, bool force)
    {
        if (resume)
        {
            RequireRunToResume();
        }
        else if (Exists)
        {
            if (!force) throw new UserError($"--out: {Path} already holds a run; pass --resume to continue it or --force to replace it");
            foreach (var file in new[] { ConfigPath, MetricsPath, SummaryPath, TestResultsPath, EvaluationCsvPath, ReportPath, ComparisonsPath, DiagnosticsPath }) File.Delete(file);
            foreach (var directory in new[] { ModelsPath, CheckpointsPath, PairEvaluationsPath, ConfusionPath })
            {
                if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            }
        }
        Directory.CreateDirectory(Path);
        Directory.CreateDirectory(ModelsPath);
        Directory.CreateDirectory(CheckpointsPath);
        Directory.CreateDirectory(PairEvaluationsPath);
        Directory.CreateDirectory(ConfusionPath);
        RemoveUnfinishedWrites();
        ProbeWritable();
    }

    // A run whose every pair diverged keeps no checkpoint; an empty folder would only suggest something was left.
    public void RemoveEmptyCheckpoints()
    {
        if (Directory.Exists(CheckpointsPath) && !Directory.EnumerateFileSystemEntries(CheckpointsPath).Any()) Directory.Delete(CheckpointsPath);
    }

    // A process killed while replacing a file leaves the temporary copy behind (AtomicFile names them
    // ".<name>.<pid>.tmp"); the file itself is intact, the copy is garbage.
    private void RemoveUnfinishedWrites()
    {
        foreach (var directory in new[] { Path, ModelsPath, CheckpointsPath, PairEvaluationsPath, ConfusionPath })
        {
            foreach (var file in Directory.EnumerateFiles(directory, ".*.tmp")) File.Delete(file);
        }
    }

    // Refuses to start when the disk cannot hold what the run will write, rather than failing hours later.
    public void RequireFreeSpace(long bytes)
    {
        var existing = new DirectoryInfo(Path);
        while (!existing.Exists && existing.Parent is not null) existing = existing.Parent;
        var available = new DriveInfo(existing.FullName).AvailableFreeSpace;
        if (available < bytes)
        {
            throw new UserError($"--out: {Path} has {Megabytes(available)} free but the run needs about {Megabytes(bytes)} " +
                                "(weights, checkpoints, metrics and plots); free some space or choose another --out", exitCode: 1);
        }
    }

    private static string Megabytes(long bytes) => $"{bytes / 1e6:0.0} MB";

    // --resume continues what config.json records; without it there is nothing to continue.
    public void RequireRunToResume()
    {
        if (!Directory.Exists(Path)) throw new UserError($"--resume: {Path} does not exist; there is no run to resume there");
        if (!File.Exists(ConfigPath))
            throw new UserError($"--resume: {ConfigPath} does not exist; there is no run to resume in {Path}");
    }

    // Fails before hours of training rather than at the first epoch's metrics.
    private void ProbeWritable()
    {
        var probe = Combine($".write-probe-{Environment.ProcessId}");
        try
        {
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"--out: cannot write to {Path}: {e.Message}");
        }
    }

    // Activation names can carry a parameter ("leaky-relu:0.2"); keep file names portable.
    public static string SafeName(string activation) =>
        string.Concat(activation.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_'));

    private string Combine(string name) => System.IO.Path.Combine(Path, name);
}
