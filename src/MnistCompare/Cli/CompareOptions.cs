using System.CommandLine;
using System.CommandLine.Parsing;
using CustomActivations;
using MnistCompare.Reporting.Charts;
using MnistCompare.Model;
using MnistCompare.Training;

namespace MnistCompare.Cli;

// The options of `compare` (also the root command's, so that a bare `dotnet run` compares), and how they
// become RunSettings. Values are checked here so that a bad one is refused before any data is loaded.
public sealed class CompareOptions
{
    // One value, commas between the activations: with several values per token, `-a relu --epoch 1` took the
    // mistyped option for an activation and `-a relu gelu` silently worked; now both are reported as what they are.
    public Option<string[]> Activations { get; } = new("--activations", "-a")
    {
        Description = "Activations to compare, comma-separated; a parameter follows a colon (e.g. relu,leaky-relu:0.2,maxout:3; see the " +
                      "'list' command). [default: the tutorial's six]",
       
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => ActivationList.Split(result.Tokens.Select(t => t.Value)),
    };

    public Option<int> Epochs { get; } = new("--epochs", "-e")
    {
        Description = "Epochs per activation (the tutorial uses 20); with --resume, more than the run has extends it.",
       
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
        HelpName = "mnist|fashion",
        DefaultValueFactory = _ => "mnist",
    };

    public Option<string?> Data { get; } = new("--data") { Description = "A folder with the four MNIST-format IDX files (raw or .gz); overrides --dataset." };

    public Option<bool> Normalize { get; } = new("--normalize") { Description = "Normalise pixels with MNIST's mean 0.1307 and std 0.3081 instead of scaling to [0,1] only." };

    public Option<int?> TrainLimit { get; } = new("--train-limit")
    {
        Description = "Train on the first N training images only (quick runs); with --validation holdout, the first N of those left after the holdout.",
       
    };

    public Option<int?> ValLimit { get; } = new("--val-limit")
    {
        Description = "Validate every epoch on the first N validation images only (quick runs); a holdout's final test still uses the whole test set.",
       
    };

    public Option<ValidationMode?> Validation { get; } = new("--validation")
    {
        Description = "test: validate on the test set every epoch (the tutorial); holdout: validate on the last 10,000 training images and " +
                      "test once at the end. [default: test]",
        HelpName = "test|holdout",
        CustomParser = ParseValidation,
    };

    public Option<string> Device { get; } = new("--device") { Description = "cpu, or cuda when libtorch has it.", HelpName = "cpu|cuda", DefaultValueFactory = _ => "cpu" };

    // No default value of its own: the help would print this machine's core count as if it were a constant.
    public Option<int?> Threads { get; } = new("--threads")
    {
        Description = "Intra-op threads. [default: the number of cores; with --resume, the count the run recorded]",
       
    };

    public Option<Precision> Precision { get; } = new("--precision")
    {
        Description = "fp32, or bf16: mixed precision (bfloat16 convolutions, linear layers and activations; float32 weights, optimiser, " +
                      "loss). bf16 needs a CPU with avx512_bf16 or amx_bf16; elsewhere the run says so and trains in fp32. [default: fp32]",
        HelpName = "fp32|bf16",
        // No DefaultValueFactory: help would print the enum's own spelling (Fp32); an absent option is Fp32 all the same.
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

    public Option<ShardChoice?> Shard { get; } = new("--shard")
    {
        Description = "Train only shard K of N of the activation × seed pairs (dealt round-robin in their order), e.g. 2/3; 'slurm' takes K and N " +
                      "from the Slurm job-array task. Needs --out; 'plot SHARD_DIR... --out DIR' merges the shards into one run.",
        CustomParser = result =>
        {
            try
            {
                return ShardChoice.Parse(result.Tokens.Single().Value, Environment.GetEnvironmentVariable);
            }
            catch (FormatException e)
            {
                result.AddError(e.Message);
                return null;
            }
        },
    };

    public Option<string> Diagnostics { get; } = new("--diagnostics")
    {
        Description = "on: after every epoch, record each hidden layer's activation statistics on a probe batch and its weight-gradient " +
                      "norm (diagnostics.csv, gradients.png, activations_stats.png); off: skip them.",
        DefaultValueFactory = _ => "on",
    };

    public Option<string?> Out { get; } = new("--out", "-o") { Description = "Run folder. [default: runs/<date-time> in the repository]" };

    public Option<bool> Resume { get; } = new("--resume")
    {
        Description = "Continue the run in --out, keeping the activation × seed runs already finished; with a larger --epochs, extend it.",
    };

    public Option<PlotSize?> PlotSize { get; } = PlotSizeOption.Create();

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
        ValLimit.Validators.Add(r =>
        {
            if (Parsed<int?>(r, out var limit) && limit is <= 0) r.AddError("--val-limit must be a positive number of images");
        });
        LearningRate.Validators.Add(r =>
        {
            if (Parsed<double>(r, out var v) && !(v > 0 && double.IsFinite(v))) r.AddError("--lr must be a positive number");
        });
        Clip.Validators.Add(r =>
        {
            if (Parsed<double>(r, out var v) && !(v > 0 && double.IsFinite(v))) r.AddError("--clip must be a positive number");
        });
        Dataset.Validators.Add(r =>
        {
            var dataset = r.GetValueOrDefault<string>();
            if (dataset is not ("mnist" or "fashion"))
                r.AddError($"--dataset: unknown dataset '{dataset}' (expected mnist or fashion; --data DIR takes any folder of MNIST-format files)");
        });
        Diagnostics.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (value is not ("on" or "off")) r.AddError($"--diagnostics: expected on or off, not '{value}'");
        });
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
            if (ActivationDuplicates.Describe(names) is { } duplicate) r.AddError($"--activations: {duplicate}");
        });
        PlainValueParsing.ApplyTo(All);
    }

    // The options that decide what is trained; a resumed run keeps those of its config.json. --threads and --parallel
    // only spread the work over the cores, so a resumed run may change them.
    public IEnumerable<Option> RunDefining => new Option[]
    {
        Activations, Epochs, Seeds, Seed, BatchSize, LearningRate, Clip, Dataset, Data, Normalize, TrainLimit, ValLimit, Validation, Device, Diagnostics, Precision,
        Config, Shard,
    };

    public IEnumerable<Option> All => new Option[]
    {
        Activations, Epochs, Seeds, Seed, BatchSize, LearningRate, Clip, Dataset, Data, Normalize, TrainLimit, ValLimit, Validation, Device, Diagnostics,
        Precision, InsistPrecision, Threads, Parallel, Shard, Out, Resume, Force, Config, PlotSize,
    };

    // Defaults, or the settings of --config, overridden by every option given on the command line.
    public RunSettings ToSettings(ParseResult parse, RunSettings? baseline = null)
    {
        var b = baseline ?? new RunSettings();
        T Pick<T>(Option<T> option, T fallback) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fallback;
        var activations = Pick(Activations, Array.Empty<string>());
        var settings = new RunSettings
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
            ValLimit = Pick(ValLimit, b.ValLimit),
            Normalize = Pick(Normalize, b.Normalize),
            Validation = Pick(Validation, null) ?? b.Validation,
            Device = Pick(Device, b.Device),
            Threads = Pick(Threads, null) ?? b.Threads,
            Diagnostics = Pick(Diagnostics, b.Diagnostics ? "on" : "off") == "on",
            Precision = Pick(Precision, b.Precision),
        };
        // The shard's pairs follow from the plan, so they are dealt again for the plan these options make.
        var shard = Pick(Shard, null) ?? (b.Shard is { } recorded ? new ShardChoice(recorded.Index, recorded.Count) : null);
        return shard is null ? settings : settings with { Shard = RunShard.Of(settings, shard.Index, shard.Count) };
    }

    // ArgumentException appends " (Parameter 'name')", which means nothing to someone typing a command.
    internal static string MessageWithoutParameterName(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static ValidationMode? ParseValidation(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        foreach (var mode in Enum.GetValues<ValidationMode>())
        {
            if (string.Equals(text, mode.ToString(), StringComparison.OrdinalIgnoreCase)) return mode;
        }
        result.AddError($"--validation: unknown mode '{text}' (expected test or holdout)");
        return null;
    }

    private static void Positive(OptionResult result, string name)
    {
        if (Parsed<int?>(result, out var value) && value <= 0) result.AddError($"{name} must be a positive number");
    }

    // A validator runs even when the value did not convert ("--epochs ten"), and reading it then throws instead of
    // returning; the parser reports the conversion error ("--epochs: 'ten' is not a whole number") by itself, so the
    // validator has nothing to add.
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
