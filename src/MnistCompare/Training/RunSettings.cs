using System.Text.Json.Serialization;
using MnistCompare.Model;

namespace MnistCompare.Training;

// Where the validation curves come from: the tutorial validates on the 10k test set after every epoch;
// Holdout keeps the test set for one final report and validates on the last 10,000 training images instead.
public enum ValidationMode
{
    Test,
    Holdout,
}

// Every setting a comparison needs, and so everything config.json records to rerun it.
public sealed record RunSettings
{
    public const int HoldoutSize = 10_000;

    public IReadOnlyList<string> Activations { get; init; } = DefaultActivations;

    public static readonly IReadOnlyList<string> DefaultActivations = new[] { "sigmoid", "relu", "elu", "leaky-relu:0.2", "selu", "gelu" };

    public string Dataset { get; init; } = "mnist";

    public int Epochs { get; init; } = DefaultEpochs;

    // One epoch of the six takes about 7.5 minutes on a 2-core CPU (69-84 s each, validation included); two would
    // reach the 15 minutes a default run may take. --epochs 20 reproduces the tutorial.
    public const int DefaultEpochs = 1;

    public int Seeds { get; init; } = 1;

    public long Seed { get; init; } = 1;

    public int BatchSize { get; init; } = 128;

    // The training batch size. Larger validation batches were slower here, not faster: at 1,000 images the second
    // convolution's output (147 MB) is above glibc's mmap threshold, so every batch mapped and faulted in fresh
    // memory (2 million page faults per pass), and the peak resident memory nearly doubled (1.05 GB against 0.57).
    public int EvalBatchSize { get; init; } = 128;

    public double LearningRate { get; init; } = 1e-3;

    public double ClipValue { get; init; } = 0.5;

    // The first N training images; under holdout validation, the first N of those left after the holdout, so
    // that N is always the number of images trained on.
    public int? TrainLimit { get; init; }

    // The first N images of the validation set (the test set, or the holdout); a holdout's final test stays whole.
    public int? ValLimit { get; init; }

    public bool Normalize { get; init; }

    public ValidationMode Validation { get; init; } = ValidationMode.Test;

    public string Device { get; init; } = "cpu";

    public int Threads { get; init; } = Environment.ProcessorCount;

    // Set when this run trains one shard of the plan (compare --shard K/N); absent for a run of the whole plan, so
    // the config.json of such a run reads as it did before shards existed.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RunShard? Shard { get; init; }

    // How the run's last start spread the work: --parallel, and the intra-op threads each training process had
    // (Threads when the trainings ran in turn). Recorded for the reader; they change no number in the results
    // beyond what the threads per training change.
    public int Parallel { get; init; } = 1;

    public int? ThreadsPerTraining { get; init; }

    // What the data turned out to hold once loaded (null in a config.json written before this was recorded):
    // the headers, titles and summaries state these counts rather than guess them from the settings.
    public ImageCounts? Images { get; init; }

    // Per-epoch, per-layer activation statistics on a probe batch and weight-gradient norms (diagnostics.csv). They
    // consume no random numbers, so the metrics are the same bytes with them on or off.
    public bool Diagnostics { get; init; } = true;

    // Mixed bfloat16 (bf16) or float32 throughout; recorded, so reruns and --resume train in the same arithmetic.
    public Precision Precision { get; init; } = Precision.Fp32;

    // The seeds of the runs: Seed, Seed+1, … one per repetition.
    public IEnumerable<long> RunSeeds() => Enumerable.Range(0, Seeds).Select(i => Seed + i);

    // Every activation × seed of the settings, in their fixed order: activations as listed, each with every seed.
    public IReadOnlyList<(string Activation, long Seed)> PlanPairs() =>
        Activations.SelectMany(a => RunSeeds().Select(s => (a, s))).ToList();

    // The pairs this run trains: the whole plan, or its shard of it.
    public IReadOnlyList<(string Activation, long Seed)> Pairs() =>
        Shard is null ? PlanPairs() : Shard.Pairs.Select(p => (p.Activation, p.Seed)).ToList();
}

// How many images a run trained on, validated on each epoch, and (holdout validation) tested on once at the end.
public sealed record ImageCounts(int Train, int Validation, int? FinalTest);
