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

    // The pairs a resumed run need not train again: all epochs recorded, or stopped by divergence.
    public static bool IsFinished(IReadOnlyList<EpochMetrics> rows, int epochs) =>
        rows.Any(m => m.Diverged) || rows.Select(m => m.Epoch).Distinct().Count() >= epochs;

    // Records the configuration of a new run, or takes over the finished pairs of the run being resumed;
    // returns how many activation × seed pairs are already done.
    public int Start(bool resume)
    {
        if (resume) LoadFinishedPairs();
        else RunConfigFile.Write(folder.ConfigPath, settings);
        WriteReports();
        return metrics.Select(m => (m.Activation, m.Seed)).Distinct().Count();
    }

    public IReadOnlyList<ActivationSummary> Run(ITrainingObserver display, CancellationToken cancellation)
    {
        var observer = new FolderObserver(this, display);
        var trainer = new Trainer(settings, data, observer);
        foreach (var (activation, seed) in Pairs)
        {
            if (metrics.Any(m => m.Activation == activation && m.Seed == seed)) continue;
            var outcome = trainer.Train(activation, seed, folder.WeightsPath(activation, seed), cancellation);
            if (outcome.FinalTest is { } test)
            {
                finalTests[(activation, seed)] = test;
                TestResultsCsv.Write(folder.TestResultsPath, finalTests);
            }
            WriteReports();
        }
        return Summaries();
    }

    private void LoadFinishedPairs()
    {
        if (!File.Exists(folder.MetricsPath)) return;
        var recorded = MetricsCsv.Read(folder.MetricsPath);
        foreach (var pair in recorded.GroupBy(m => (m.Activation, m.Seed)))
        {
            var rows = pair.OrderBy(m => m.Epoch).ToList();
            if (IsFinished(rows, settings.Epochs)) metrics.AddRange(rows);
        }
        if (File.Exists(folder.TestResultsPath))
        {
            foreach (var (key, value) in TestResultsCsv.Read(folder.TestResultsPath))
            {
                if (metrics.Any(m => m.Activation == key.Activation && m.Seed == key.Seed)) finalTests[key] = value;
            }
        }
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
