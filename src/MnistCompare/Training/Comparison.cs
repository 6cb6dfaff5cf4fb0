using MnistCompare.Model;
using MnistCompare.Reporting;

namespace MnistCompare.Training;

// Trains every activation × seed in turn and keeps the run folder current after every epoch, so that an
// interruption costs at most the epoch in flight and --resume skips the pairs already finished.
public sealed class Comparison
{
    private readonly RunSettings settings;
    private readonly RunFolder folder;
    private readonly TrainingData data;
    private readonly List<EpochMetrics> metrics = new();
    private readonly Dictionary<(string Activation, long Seed), Evaluation> finalTests = new();

    public Comparison(RunSettings settings, RunFolder folder, TrainingData data)
    {
        this.settings = settings;
        this.folder = folder;
        this.data = data;
    }

    public IReadOnlyList<EpochMetrics> Metrics => metrics;

    public IReadOnlyList<(string Activation, long Seed)> Pairs =>
        settings.Activations.SelectMany(a => settings.RunSeeds().Select(s => (a, s))).ToList();

    private readonly HashSet<(string Activation, long Seed)> finished = new();
    private readonly List<string> resumeNotes = new();

    // What --resume found worth telling: checkpoints it could not use.
    public IReadOnlyList<string> ResumeNotes => resumeNotes;

    // Records the configuration of a new run, or takes over what the run being resumed has kept: the finished
    // pairs, and the epochs of unfinished ones that a checkpoint covers. Returns how many pairs are finished.
    public int Start(bool resume)
    {
        if (resume) LoadRecordedRuns();
        else RunConfigFile.Write(folder.ConfigPath, settings);
        WriteReports();
        return finished.Count;
    }

    public IReadOnlyList<ActivationSummary> Run(ITrainingObserver display, CancellationToken cancellation)
    {
        var observer = new FolderObserver(this, display);
        var trainer = new Trainer(settings, data, observer);
        foreach (var (activation, seed) in Pairs)
        {
            if (finished.Contains((activation, seed))) continue;
            var checkpoint = folder.CheckpointPath(activation, seed);
            var earlier = metrics.Where(m => m.Activation == activation && m.Seed == seed).OrderBy(m => m.Epoch).ToList();
            var outcome = trainer.Train(activation, seed, new TrainingFiles(folder.WeightsPath(activation, seed), checkpoint), earlier, cancellation);
            if (outcome.FinalTest is { } test)
            {
                finalTests[(activation, seed)] = test;
                TestResultsCsv.Write(folder.TestResultsPath, finalTests);
            }
            finished.Add((activation, seed));
            WriteReports();
            // Only now is everything the checkpoint could restore recorded elsewhere.
            File.Delete(checkpoint);
        }
        return Summaries();
    }

    // An upper bound before Start (every pair counted): the weights of the pairs still to train, two checkpoints (the one in place and its replacement, each the
    // weights and Adam's two moments) and room for the reports and plots.
    public long DiskBytesNeeded()
    {
        const long reports = 16_000_000;
        var weights = Pairs.Where(p => !finished.Contains(p)).Select(p => ParameterCounts.Of(p.Activation, data.ImageSize) * sizeof(float)).ToList();
        return weights.Count == 0 ? reports : weights.Sum() + 2 * 3 * weights.Max() + reports;
    }

    private void LoadRecordedRuns()
    {
        var recorded = File.Exists(folder.MetricsPath) ? MetricsCsv.Read(folder.MetricsPath) : Array.Empty<EpochMetrics>();
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
                continue;
            }
            finalTests.Remove((activation, seed));
            var covered = CheckpointedEpochs(activation, seed, rows);
            metrics.AddRange(rows.Where(m => m.Epoch <= covered));
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
        if (!File.Exists(path)) return 0;
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
        ActivationSummary.FromMetrics(metrics, a => ParameterCounts.Of(a, data.ImageSize), finalTests);

    private void WriteReports()
    {
        MetricsCsv.Write(folder.MetricsPath, metrics);
        var done = metrics.Select(m => (m.Activation, m.Seed)).Distinct().Count();
        var status = done < Pairs.Count ? $"In progress: {done} of {Pairs.Count} activation × seed runs have results so far." : null;
        AtomicFile.WriteAllText(folder.SummaryPath, SummaryMarkdown.Format(settings, Summaries(), status));
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

        public void EpochCompleted(EpochMetrics metrics)
        {
            owner.metrics.Add(metrics);
            owner.WriteReports();
            display.EpochCompleted(metrics);
        }
    }
}
