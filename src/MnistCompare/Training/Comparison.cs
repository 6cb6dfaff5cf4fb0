using MnistCompare.Evaluation;
using MnistCompare.Model;
using MnistCompare.Reporting;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Training;

// Trains every activation × seed and keeps the run folder current after every epoch, so that an interruption costs
// at most the epochs in flight and --resume skips the pairs already finished. Run trains the pairs in turn in this
// process; Workers.WorkerPool trains several at once in worker processes and records them through the same methods.
public sealed class Comparison
{
    private readonly RunSettings settings;
    private readonly RunFolder folder;
    private readonly TrainingData data;
    private readonly int imageSize;
    private readonly Dictionary<(string Activation, long Seed), int> pairIndex = new();
    private readonly List<EpochMetrics> metrics = new();
    private readonly Dictionary<(string Activation, long Seed), LossAndAccuracy> finalTests = new();
    private readonly Dictionary<(string Activation, long Seed), PairEvaluation> evaluations = new();
    private readonly List<LayerDiagnostics> diagnostics = new();
    private readonly PlotSize plotSize;

    public Comparison(RunSettings settings, RunFolder folder, TrainingData data, PlotSize? plotSize = null)
    {
        this.plotSize = plotSize ?? PlotSize.Default;
        this.settings = settings;
        this.folder = folder;
        this.data = data;
        imageSize = data.ImageSize;
        foreach (var pair in Pairs) pairIndex.TryAdd(pair, pairIndex.Count);
    }

    public IReadOnlyList<EpochMetrics> Metrics => metrics.OrderBy(m => PairIndex(m.Activation, m.Seed)).ThenBy(m => m.Epoch).ToList();

    public IReadOnlyList<LayerDiagnostics> Diagnostics =>
        diagnostics.OrderBy(d => PairIndex(d.Activation, d.Seed)).ThenBy(d => d.Epoch).ThenBy(d => LayerIndex(d.Layer)).ToList();

    // The pairs this process trains: the whole plan, or its shard (compare --shard).
    public IReadOnlyList<(string Activation, long Seed)> Pairs => settings.Pairs();

    private readonly HashSet<(string Activation, long Seed)> finished = new();
    private readonly List<string> resumeNotes = new();

    // What --resume found worth telling: checkpoints it could not use.
    public IReadOnlyList<string> ResumeNotes => resumeNotes;

    // Takes over what the run being resumed has kept (the finished pairs, and the epochs of unfinished ones that a
    // checkpoint covers), then records the configuration: `recordAs`, given the number of pairs left to train,
    // adds how the work is spread (--parallel), which only that number decides. Returns how many pairs are finished.
    public int Start(bool resume, Func<int, RunSettings>? recordAs = null)
    {
        if (resume) LoadRecordedRuns();
        // A finished run resumed with nothing left to train keeps the record of how it was trained.
        if (!resume || PendingPairs.Count > 0) RunConfigFile.Write(folder.ConfigPath, recordAs?.Invoke(PendingPairs.Count) ?? settings);
        WriteReports();
        EvaluationOutputs.WriteTable(folder, Evaluations);
        WritePage();
        return finished.Count;
    }

    // The epochs still to train, over every pair: what the time estimate is made of.
    public int PendingEpochs => PendingPairs.Sum(p => settings.Epochs - EarlierEpochs(p.Activation, p.Seed).Count);

    public IReadOnlyList<ActivationSummary> Run(ITrainingObserver display, CancellationToken cancellation)
    {
        var trainer = new Trainer(settings, data, Recording(display));
        foreach (var (activation, seed) in PendingPairs)
        {
            var outcome = trainer.Train(activation, seed, Files(activation, seed), EarlierEpochs(activation, seed), cancellation);
            CompletePair(activation, seed, outcome.FinalTest);
        }
        return Summaries();
    }

    // The pairs still to train, in the order the user asked for them.
    public IReadOnlyList<(string Activation, long Seed)> PendingPairs => Pairs.Where(p => !finished.Contains(p)).ToList();

    // The epochs of an unfinished pair that its checkpoint covers: training goes on after them.
    public IReadOnlyList<EpochMetrics> EarlierEpochs(string activation, long seed) =>
        metrics.Where(m => m.Activation == activation && m.Seed == seed).OrderBy(m => m.Epoch).ToList();

    public TrainingFiles Files(string activation, long seed) =>
        new(folder.WeightsPath(activation, seed), folder.CheckpointPath(activation, seed), folder.EvaluationFiles(activation, seed));

    // The finished pairs' evaluations of their final models, in the order of the pairs.
    public IReadOnlyList<PairEvaluation> Evaluations => evaluations.OrderBy(e => PairIndex(e.Key.Activation, e.Key.Seed)).Select(e => e.Value).ToList();

    // An observer that records every epoch in the run folder before `display` hears of it.
    public ITrainingObserver Recording(ITrainingObserver display) => new FolderObserver(this, display);

    // After a pair's training returned (its weights saved, or diverged): record it as finished.
    public void CompletePair(string activation, long seed, LossAndAccuracy? finalTest)
    {
        if (finalTest is { } test)
        {
            finalTests[(activation, seed)] = test;
            TestResultsCsv.Write(folder.TestResultsPath, finalTests.OrderBy(t => PairIndex(t.Key.Activation, t.Key.Seed)));
        }
        // Whoever trained the pair (this process or a worker) wrote its evaluation; a diverged pair has none.
        var record = folder.EvaluationFiles(activation, seed).RecordPath;
        if (File.Exists(record))
        {
            evaluations[(activation, seed)] = PairEvaluationFiles.Read(record);
            EvaluationOutputs.WriteTable(folder, Evaluations);
        }
        finished.Add((activation, seed));
        WriteReports();
        WritePage();
        // A finished pair keeps the checkpoint of its last epoch: `--resume --epochs N` extends the run from it exactly
        // as if N had been asked for at the start. A diverged one is never trained again.
        if (metrics.Any(m => m.Activation == activation && m.Seed == seed && m.Diverged)) File.Delete(folder.CheckpointPath(activation, seed));
    }

    // For every pair still to train its weights and the checkpoint it keeps (the weights and Adam's two moments),
    // one more checkpoint per training in flight (the replacement being written) and room for the reports and plots.
    public long DiskBytesNeeded(int concurrentTrainings = 1)
    {
        const long reports = 16_000_000;
        var weights = Pairs.Where(p => !finished.Contains(p)).Select(p => ParameterCounts.Of(p.Activation, imageSize) * sizeof(float)).ToList();
        return weights.Count == 0 ? reports : weights.Sum() * (1 + 3) + concurrentTrainings * 3 * weights.Max() + reports;
    }

    private void LoadRecordedRuns()
    {
        var recorded = File.Exists(folder.MetricsPath) ? MetricsCsv.Read(folder.MetricsPath) : Array.Empty<EpochMetrics>();
        var recordedDiagnostics = File.Exists(folder.DiagnosticsPath) ? DiagnosticsCsv.Read(folder.DiagnosticsPath) : Array.Empty<LayerDiagnostics>();
        if (File.Exists(folder.TestResultsPath))
        {
            foreach (var (key, value) in TestResultsCsv.Read(folder.TestResultsPath)) finalTests[key] = value;
        }
        foreach (var (activation, seed) in Pairs)
        {
            var rows = recorded.Where(m => m.Activation == activation && m.Seed == seed).OrderBy(m => m.Epoch).ToList();
            if (IsFinished(activation, seed, rows))
            {
                finished.Add((activation, seed));
                metrics.AddRange(rows);
                LoadEvaluation(activation, seed);
                diagnostics.AddRange(recordedDiagnostics.Where(d => d.Activation == activation && d.Seed == seed));
                continue;
            }
            finalTests.Remove((activation, seed));
            var covered = CheckpointedEpochs(activation, seed, rows);
            metrics.AddRange(rows.Where(m => m.Epoch <= covered));
            // The diagnostics of an epoch the checkpoint does not cover are measured again when it is trained again.
            diagnostics.AddRange(recordedDiagnostics.Where(d => d.Activation == activation && d.Seed == seed && d.Epoch <= covered));
        }
    }

    // A finished pair's evaluation is read back, never computed again. A run from before evaluations were recorded
    // has none; one that cannot be read is left out of the evaluation files, with a note.
    private void LoadEvaluation(string activation, long seed)
    {
        var record = folder.EvaluationFiles(activation, seed).RecordPath;
        if (!File.Exists(record)) return;
        try
        {
            evaluations[(activation, seed)] = PairEvaluationFiles.Read(record);
        }
        catch (InvalidDataException e)
        {
            resumeNotes.Add($"{e.Message}; {activation} seed {seed} is left out of evaluation.csv and the confusion figures");
        }
    }

    // A pair is done when it diverged, or when every epoch is recorded, its weights are saved and (validating on
    // a holdout) its final test is recorded: the last things a training writes.
    private bool IsFinished(string activation, long seed, IReadOnlyList<EpochMetrics> rows)
    {
        if (rows.Any(m => m.Diverged)) return true;
        if (rows.Select(m => m.Epoch).Distinct().Count() < settings.Epochs) return false;
        if (!File.Exists(folder.WeightsPath(activation, seed))) return false;
        return settings.Validation != ValidationMode.Holdout || finalTests.ContainsKey((activation, seed));
    }

    // How many epochs of an unfinished pair its checkpoint lets training skip; 0 means it starts over.
    private int CheckpointedEpochs(string activation, long seed, IReadOnlyList<EpochMetrics> rows)
    {
        var path = folder.CheckpointPath(activation, seed);
        if (!File.Exists(path))
        {
            // A finished pair being extended without the state of its last epoch (deleted, or made before it was kept).
            if (rows.Count > 0 && File.Exists(folder.WeightsPath(activation, seed))) resumeNotes.Add($"{path} does not exist; {activation} seed {seed} trains again from epoch 1");
            return 0;
        }
        try
        {
            var epoch = Checkpoint.ReadEpoch(path, new Checkpoint.Identity(activation, seed));
            if (Enumerable.Range(1, epoch).All(e => rows.Any(m => m.Epoch == e))) return epoch;
            resumeNotes.Add($"{path} ends epoch {epoch} but metrics.csv lacks some of its epochs; {activation} seed {seed} starts over");
        }
        catch (CheckpointException e)
        {
            resumeNotes.Add($"{e.Message}; {activation} seed {seed} starts over");
        }
        File.Delete(path);
        return 0;
    }

    public IReadOnlyList<ActivationSummary> Summaries() =>
        ActivationSummary.FromMetrics(Metrics, a => ParameterCounts.Of(a, imageSize), finalTests);

    // Concurrent trainings finish their epochs in any order; the files, the summary and the plots list them in the
    // order of the pairs, as a sequential run does, so that both write the same files.
    private int PairIndex(string activation, long seed) => pairIndex.GetValueOrDefault((activation, seed), int.MaxValue);

    private static int LayerIndex(string layer) => TutorialCnn.HiddenLayers.ToList().IndexOf(layer) is var i and >= 0 ? i : int.MaxValue;

    private void WriteReports()
    {
        MetricsCsv.Write(folder.MetricsPath, Metrics);
        if (settings.Diagnostics || diagnostics.Count > 0) DiagnosticsCsv.Write(folder.DiagnosticsPath, Diagnostics);
        var summaries = Summaries();
        ComparisonsCsv.Write(folder.ComparisonsPath, PairwiseComparisons.Compare(summaries));
        var done = metrics.Select(m => (m.Activation, m.Seed)).Distinct().Count();
        var status = done < Pairs.Count ? $"In progress: {done} of {Pairs.Count} activation × seed runs have results so far." : null;
        AtomicFile.WriteAllText(folder.SummaryPath, SummaryMarkdown.Format(settings, summaries, status, ActivationEvaluation.Of(Evaluations)));
    }

    // report.html, for watching a long run in a browser: after each finished pair rather than each epoch, as it
    // embeds every figure and is the largest file the run rewrites. The command writes it once more after the figures.
    private void WritePage()
    {
        var inProgress = finished.Count < Pairs.Count;
        // Someone watching a long run sees the curves of the pairs finished so far; the command draws every figure
        // once more at the end.
        if (inProgress && finished.Count > 0) CurvePlots.Render(folder, Metrics, settings, plotSize);
        RunReport.Write(folder, inProgress ? $"{finished.Count} of {Pairs.Count} activation × seed runs finished" : null);
    }

    // Records each epoch in the run folder before the display hears of it.
    private sealed class FolderObserver : ITrainingObserver
    {
        private readonly Comparison owner;
        private readonly ITrainingObserver display;

        public FolderObserver(Comparison owner, ITrainingObserver display)
        {
            this.owner = owner;
            this.display = display;
        }

        public void RunStarted(string activation, long seed, int firstEpoch) => display.RunStarted(activation, seed, firstEpoch);

        public void BatchCompleted(BatchProgress progress) => display.BatchCompleted(progress);

        // Kept until the epoch's metrics arrive, which write both files: diagnostics.csv never runs ahead of metrics.csv.
        public void DiagnosticsMeasured(IReadOnlyList<LayerDiagnostics> rows)
        {
            owner.diagnostics.AddRange(rows);
            display.DiagnosticsMeasured(rows);
        }

        public void EpochCompleted(EpochMetrics metrics)
        {
            owner.metrics.Add(metrics);
            owner.WriteReports();
            display.EpochCompleted(metrics);
        }
    }
}
