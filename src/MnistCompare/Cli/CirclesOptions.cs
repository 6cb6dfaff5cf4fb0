using System.CommandLine;
using System.CommandLine.Parsing;
using CustomActivations;
using MnistCompare.Circles;
using MnistCompare.Reporting.Charts;

namespace MnistCompare.Cli;

// The options of `circles` and how they become CirclesSettings. Every value is checked here, so that a bad one is
// refused in one line before anything is trained or written.
public sealed class CirclesOptions
{
    private static readonly CirclesSettings Defaults = new();

    public Option<string[]> Activations { get; } = new("--activations", "-a")
    {
        Description = "The activations sweep: activations to compare, comma-separated (see 'list'). " +
                      $"[default: {string.Join(",", Defaults.Activations)}]",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => ActivationList.Split(result.Tokens.Select(t => t.Value)),
    };

    public Option<int[]> Layers { get; } = new("--layers")
    {
        Description = $"Hidden layer widths of the activations sweep's network. [default: {Join(Defaults.ActivationLayers)}]",
        CustomParser = result => NumberList.ParsePositive(result, "--layers"),
    };

    public Option<string> SweepActivation { get; } = new("--sweep-activation")
    {
        Description = "The activation of the widths, depths and epochs sweeps.",
        DefaultValueFactory = _ => Defaults.SweepActivation,
    };

    public Option<int[]> Widths { get; } = new("--widths")
    {
        Description = $"The widths sweep: one hidden layer of each of these widths. [default: {Join(Defaults.Widths)}]",
        CustomParser = result => NumberList.ParsePositive(result, "--widths"),
    };

    public Option<int[]> Depths { get; } = new("--depths")
    {
        Description = $"The depths sweep: this many hidden layers of --depth-width units. [default: {Join(Defaults.Depths)}]",
        CustomParser = result => NumberList.ParsePositive(result, "--depths"),
    };

    public Option<int> DepthWidth { get; } = new("--depth-width")
    {
        Description = "The width of every hidden layer in the depths sweep.",
        DefaultValueFactory = _ => Defaults.DepthWidth,
    };

    public Option<int[]> EpochsList { get; } = new("--epochs-list")
    {
        Description = $"The epochs sweep: train the --epochs-layers network this many epochs. [default: {Join(Defaults.EpochsList)}]",
        CustomParser = result => NumberList.ParsePositive(result, "--epochs-list"),
    };

    public Option<int[]> EpochsLayers { get; } = new("--epochs-layers")
    {
        Description = $"Hidden layer widths of the epochs sweep's network. [default: {Join(Defaults.EpochsLayers)}]",
        CustomParser = result => NumberList.ParsePositive(result, "--epochs-layers"),
    };

    public Option<string[]> Sweeps { get; } = new("--sweeps")
    {
        Description = $"Which sweeps to run, comma-separated. [default: {string.Join(",", CirclesSweeps.All.Select(s => s.Name()))}]",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = result => result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
    };

    public Option<int> Epochs { get; } = new("--epochs", "-e")
    {
        Description = "Epochs of every network outside the epochs sweep.",
        DefaultValueFactory = _ => Defaults.Epochs,
    };

    public Option<int> BatchSize { get; } = new("--batch-size")
    {
        Description = "Training batch size; at least --train-size trains on the whole set at once.",
        DefaultValueFactory = _ => Defaults.BatchSize,
    };

    public Option<double> LearningRate { get; } = new("--lr") { Description = "Adam's learning rate.", DefaultValueFactory = _ => Defaults.LearningRate };

    public Option<int> TrainSize { get; } = new("--train-size") { Description = "Training points.", DefaultValueFactory = _ => Defaults.Shape.TrainSize };

    public Option<int> TestSize { get; } = new("--test-size") { Description = "Test points.", DefaultValueFactory = _ => Defaults.Shape.TestSize };

    public Option<double> InnerRadius { get; } = new("--inner-radius") { Description = "Radius of the inner ring (label 1).", DefaultValueFactory = _ => Defaults.Shape.InnerRadius };

    public Option<double> OuterRadius { get; } = new("--outer-radius") { Description = "Radius of the outer ring (label 0).", DefaultValueFactory = _ => Defaults.Shape.OuterRadius };

    public Option<double> Noise { get; } = new("--noise") { Description = "Standard deviation of the Gaussian noise on each coordinate.", DefaultValueFactory = _ => Defaults.Shape.Noise };

    public Option<long> Seed { get; } = new("--seed") { Description = "Seed of the data, the initial weights and the shuffling.", DefaultValueFactory = _ => Defaults.Seed };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Intra-op threads (these networks are too small to gain from more).",
        DefaultValueFactory = _ => Defaults.Threads,
    };

    public Option<string?> Out { get; } = new("--out", "-o")
    {
        Description = "Folder for the pictures and tables. [default: runs/circles-<date-time> in the repository]",
       
    };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace the circles run already in --out." };

    public Option<PlotSize?> PlotSize { get; } = PlotSizeOption.Create("about 1600 wide, as many rows of four panels as a sweep needs");

    public CirclesOptions()
    {
        foreach (var (option, name) in new[] { (Epochs, "--epochs"), (BatchSize, "--batch-size"), (DepthWidth, "--depth-width"), (Threads, "--threads") })
        {
            option.Validators.Add(r =>
            {
                if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[^1].Value, out var value) && value <= 0) r.AddError($"{name} must be a positive number");
            });
        }
        LearningRate.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && double.TryParse(r.Tokens[^1].Value, System.Globalization.CultureInfo.InvariantCulture, out var v) &&
                !(v > 0 && double.IsFinite(v))) r.AddError("--lr must be a positive number");
        });
        Activations.Validators.Add(r => CheckActivations(r, r.GetValueOrDefault<string[]>() ?? Array.Empty<string>(), "--activations"));
        SweepActivation.Validators.Add(r => CheckActivations(r, new[] { r.GetValueOrDefault<string>() ?? "" }, "--sweep-activation"));
        Sweeps.Validators.Add(r =>
        {
            var names = r.GetValueOrDefault<string[]>() ?? Array.Empty<string>();
            if (names.Length == 0) r.AddError("--sweeps needs at least one of " + string.Join(", ", CirclesSweeps.All.Select(s => s.Name())));
            foreach (var name in names)
            {
                try
                {
                    CirclesSweeps.Parse(name);
                }
                catch (ArgumentException e)
                {
                    r.AddError($"--sweeps: {e.Message}");
                    return;
                }
            }
        });
        PlainValueParsing.ApplyTo(All);
    }

    public IEnumerable<Option> All => new Option[]
    {
        Activations, Layers, SweepActivation, Widths, Depths, DepthWidth, EpochsList, EpochsLayers, Sweeps, Epochs, BatchSize, LearningRate,
        TrainSize, TestSize, InnerRadius, OuterRadius, Noise, Seed, Threads, Out, Force, PlotSize,
    };

    public CirclesSettings ToSettings(ParseResult parse)
    {
        var activations = parse.GetValue(Activations);
        var sweeps = parse.GetValue(Sweeps);
        var shape = new TwoRingsShape
        {
            TrainSize = parse.GetValue(TrainSize),
            TestSize = parse.GetValue(TestSize),
            InnerRadius = parse.GetValue(InnerRadius),
            OuterRadius = parse.GetValue(OuterRadius),
            Noise = parse.GetValue(Noise),
        };
        // The shape's limits depend on each other (inner below outer), so they are checked together here.
        if (shape.Problem() is { } problem) throw new UserError(problem);
        return new CirclesSettings
        {
            Shape = shape,
            Seed = parse.GetValue(Seed),
            Epochs = parse.GetValue(Epochs),
            BatchSize = parse.GetValue(BatchSize),
            LearningRate = parse.GetValue(LearningRate),
            Threads = parse.GetValue(Threads),
            Sweeps = sweeps is { Length: > 0 } ? sweeps.Select(CirclesSweeps.Parse).Distinct().ToArray() : Defaults.Sweeps,
            Activations = activations is { Length: > 0 } ? activations : Defaults.Activations,
            ActivationLayers = OrDefault(parse.GetValue(Layers), Defaults.ActivationLayers),
            SweepActivation = parse.GetValue(SweepActivation)!,
            Widths = OrDefault(parse.GetValue(Widths), Defaults.Widths),
            Depths = OrDefault(parse.GetValue(Depths), Defaults.Depths),
            DepthWidth = parse.GetValue(DepthWidth),
            EpochsList = OrDefault(parse.GetValue(EpochsList), Defaults.EpochsList),
            EpochsLayers = OrDefault(parse.GetValue(EpochsLayers), Defaults.EpochsLayers),
        };
    }

    private static void CheckActivations(OptionResult result, IEnumerable<string> names, string optionName)
    {
        foreach (var name in names)
        {
            try
            {
                ActivationRegistry.Parse(name);
            }
            catch (ArgumentException e)
            {
                result.AddError($"{optionName}: {CompareOptions.MessageWithoutParameterName(e)}");
                return;
            }
        }
    }

    // The list options have no default value of their own: System.CommandLine would print it as "2|4|8|32".
    private static IReadOnlyList<int> OrDefault(int[]? given, IReadOnlyList<int> fallback) => given is { Length: > 0 } ? given : fallback;

    private static string Join(IEnumerable<int> numbers) => string.Join(",", numbers);
}
