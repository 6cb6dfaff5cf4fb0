using System.CommandLine;
using System.CommandLine.Parsing;
using CustomActivations;
using MnistCompare.Model;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// The options of `compare` (also the root command's, so that a bare `dotnet run` compares), and how they
// become RunSettings. Values are checked here so that a bad one is refused before any data is loaded.
public sealed class CompareOptions
{
    public Option<string[]> Activations { get; } = new("--activations", "-a")
    {
        Description = "Activations to compare, comma-separated; a parameter follows a colon (e.g. leaky-relu:0.2, elu:0.5, maxout:3). " +
                      "See the 'list' command. Default: the tutorial's six.",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => ActivationList.Split(result.Tokens.Select(t => t.Value)),
    };

    public Option<int> Epochs { get; } = new("--epochs", "-e")
    {
        Description = $"Epochs per activation (the tutorial uses 20). Default: {RunSettings.DefaultEpochs}.",
        DefaultValueFactory = _ => RunSettings.DefaultEpochs,
    };

    public Option<int> Seeds { get; } = new("--seeds") { Description = "Repeat each activation with this many seeds (seed, seed+1, …).", DefaultValueFactory = _ => 1 };

    public Option<long> Seed { get; } = new("--seed") { Description = "The first seed.", DefaultValueFactory = _ => 1 };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Training batch size.", DefaultValueFactory = _ => 128 };

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => 1e-3 };

    public Option<double> Clip { get; } = new("--clip") { Description = "Clip every gradient value to ±this.", DefaultValueFactory = _ => 0.5 };

    public Option<string> Dataset { get; } = new("--dataset")
    {
        Description = "mnist (data/mnist, fetched by scripts/setup.sh) or fashion (Debian's dataset-fashion-mnist).",
        DefaultValueFactory = _ => "mnist",
    };

    public Option<string?> Data { get; } = new("--data") { Description = "A folder with the four MNIST-format IDX files (raw or .gz); overrides --dataset." };

    public Option<bool> Normalize { get; } = new("--normalize") { Description = "Normalise pixels with MNIST's mean 0.1307 and std 0.3081 instead of scaling to [0,1] only." };

    public Option<int?> TrainLimit { get; } = new("--train-limit") { Description = "Train on the first N training images only (quick runs)." };

    public Option<ValidationMode> Validation { get; } = new("--validation")
    {
        Description = "test: validate on the test set every epoch (the tutorial); holdout: validate on the last 10,000 training images and test once at the end.",
        DefaultValueFactory = _ => ValidationMode.Test,
    };

    public Option<string> Device { get; } = new("--device") { Description = "cpu, or cuda when libtorch has it.", DefaultValueFactory = _ => "cpu" };

    public Option<int> Threads { get; } = new("--threads") { Description = "Intra-op threads. Default: the number of cores; with --resume, the count the run recorded.", DefaultValueFactory = _ => Environment.ProcessorCount };

    public Option<Precision> Precision { get; } = new("--precision")
    {
        Description = "fp32, or bf16: mixed precision (bfloat16 convolutions, linear layers and activations; float32 weights, optimiser, " +
                      "loss). bf16 needs a CPU with avx512_bf16 or amx_bf16; elsewhere the run says so and trains in fp32. Default: fp32.",
        DefaultValueFactory = _ => Model.Precision.Fp32,
        // The enum's own parser would answer a typo with its C# type name and a list over several lines.
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            // By name only: Enum.TryParse would also take "1".
            if (Enum.GetNames<Precision>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name) return Enum.Parse<Precision>(name);
            result.AddError($"--precision: unknown precision '{text}' (expected fp32 or bf16)");
            return Model.Precision.Fp32;
        },
    };

    public Option<bool> InsistPrecision { get; } = new("--insist-precision")
    {
        Description = "Train in bf16 even on a CPU without fast bfloat16 (slower than fp32 there; the same arithmetic as on a CPU with it).",
    };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Train up to N activation × seed runs at once, each in a process of its own with --threads/N threads; " +
                      "the results equal those of a sequential run with that many threads.",
        DefaultValueFactory = _ => 1,
    };

    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Run folder. Default: runs/<date-time>." };

    public Option<bool> Resume { get; } = new("--resume") { Description = "Continue the interrupted run in --out, keeping the activation × seed runs already finished." };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace the run already in --out." };

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Start from the settings in a run's config.json (as scripts/rerun.sh does); options given explicitly override them.",
    };

    public CompareOptions()
    {
        Epochs.Validators.Add(r => Positive(r, "--epochs"));
        Seeds.Validators.Add(r => Positive(r, "--seeds"));
        BatchSize.Validators.Add(r => Positive(r, "--batch-size"));
        Threads.Validators.Add(r => Positive(r, "--threads"));
        Parallel.Validators.Add(r => Positive(r, "--parallel"));
        TrainLimit.Validators.Add(r =>
        {
            if (Parsed<int?>(r, out var limit) && limit is <= 0) r.AddError("--train-limit must be a positive number of images");
        });
        LearningRate.Validators.Add(r =>
        {
            if (Parsed<double>(r, out var v) && !(v > 0 && double.IsFinite(v))) r.AddError("--lr must be a positive number");
        });
        Clip.Validators.Add(r =>
        {
            if (Parsed<double>(r, out var v) && !(v > 0 && double.IsFinite(v))) r.AddError("--clip must be a positive number");
        });
        Dataset.AcceptOnlyFromAmong("mnist", "fashion");
        Device.Validators.Add(r =>
        {
            var device = r.GetValueOrDefault<string>();
            if (device is not ("cpu" or "cuda")) r.AddError($"--device: unknown device '{device}' (expected cpu or cuda)");
        });
        Activations.Validators.Add(r =>
        {
            var names = r.GetValueOrDefault<string[]>() ?? Array.Empty<string>();
            // `-a ""` or `-a ,` would otherwise fall back to the default six: a long run nobody asked for.
            if (names.Length == 0 && r.Tokens.Count > 0)
            {
                r.AddError("--activations: no activation named (e.g. -a relu,gelu; see 'list')");
                return;
            }
            foreach (var name in names)
            {
                try
                {
                    ActivationRegistry.Parse(name);
                }
                catch (ArgumentException e)
                {
                    r.AddError($"--activations: {MessageWithoutParameterName(e)}");
                    return;
                }
            }
        });
    }

    // The options that decide what is trained; a resumed run keeps those of its config.json. --threads and --parallel
    // only spread the work over the cores, so a resumed run may change them.
    public IEnumerable<Option> RunDefining => new Option[]
    {
        Activations, Epochs, Seeds, Seed, BatchSize, LearningRate, Clip, Dataset, Data, Normalize, TrainLimit, Validation, Device, Precision,
        Config,
    };

    public IEnumerable<Option> All => new Option[]
    {
        Activations, Epochs, Seeds, Seed, BatchSize, LearningRate, Clip, Dataset, Data, Normalize, TrainLimit, Validation, Device, Precision,
        InsistPrecision, Threads, Parallel, Out, Resume, Force, Config,
    };

    // Defaults, or the settings of --config, overridden by every option given on the command line.
    public RunSettings ToSettings(ParseResult parse, RunSettings? baseline = null)
    {
        var b = baseline ?? new RunSettings();
        T Pick<T>(Option<T> option, T fallback) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fallback;
        var activations = Pick(Activations, Array.Empty<string>());
        return new RunSettings
        {
            Activations = activations.Length > 0 ? activations : b.Activations,
            Dataset = Pick(Data, null) ?? Pick(Dataset, b.Dataset),
            Epochs = Pick(Epochs, b.Epochs),
            Seeds = Pick(Seeds, b.Seeds),
            Seed = Pick(Seed, b.Seed),
            BatchSize = Pick(BatchSize, b.BatchSize),
            EvalBatchSize = b.EvalBatchSize,
            LearningRate = Pick(LearningRate, b.LearningRate),
            ClipValue = Pick(Clip, b.ClipValue),
            TrainLimit = Pick(TrainLimit, b.TrainLimit),
            Normalize = Pick(Normalize, b.Normalize),
            Validation = Pick(Validation, b.Validation),
            Device = Pick(Device, b.Device),
            Threads = Pick(Threads, b.Threads),
            Precision = Pick(Precision, b.Precision),
        };
    }

    // ArgumentException appends " (Parameter 'name')", which means nothing to someone typing a command.
    internal static string MessageWithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static void Positive(OptionResult result, string name)
    {
        if (Parsed<int>(result, out var value) && value <= 0) result.AddError($"{name} must be a positive number");
    }

    // A validator runs even when the value did not convert ("--epochs ten"), and reading it then throws instead of
    // returning; the parser reports the conversion error ("Cannot parse argument 'ten' for option '--epochs'") by
    // itself, so the validator has nothing to add.
    private static bool Parsed<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
