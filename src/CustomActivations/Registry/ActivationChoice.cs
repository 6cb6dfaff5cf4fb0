using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// An activation with its hyper-parameters fixed, as named on the command line ("elu", "leaky-relu:0.2", "maxout:3"):
/// what a model needs to build its layers, and what a plot needs for its legend.
/// </summary>
public sealed class ActivationChoice
{
    private readonly Func<long, nn.Module<Tensor, Tensor>> factory;

    internal ActivationChoice(ActivationSpec spec, string? parameter, string displayName, IReadOnlyDictionary<string, double> hyperParameters,
        Func<long, nn.Module<Tensor, Tensor>> factory, Func<Tensor, Tensor>? builtIn, int widthMultiplier = 1, bool perChannel = false)
    {
        Spec = spec;
        Parameter = parameter;
        DisplayName = displayName;
        HyperParameters = hyperParameters;
        this.factory = factory;
        BuiltIn = builtIn;
        WidthMultiplier = widthMultiplier;
        PerChannel = perChannel;
    }

    public ActivationSpec Spec { get; }

    /// <summary>The parameter after the colon, normalised ("0.20" becomes "0.2"); null when none was given.</summary>
    public string? Parameter { get; }

    /// <summary>The canonical CLI text: "name" or "name:parameter".</summary>
    public string Name => Parameter is null ? Spec.Name : $"{Spec.Name}:{Parameter}";

    /// <summary>The legend name, e.g. "Leaky ReLU (0.2)".</summary>
    public string DisplayName { get; }

    public string Formula => Spec.Formula;

    /// <summary>The hyper-parameters in effect, by name.</summary>
    public IReadOnlyDictionary<string, double> HyperParameters { get; }

    /// <summary>How many times wider the layer before the activation must be: k for maxout, else 1.</summary>
    public int WidthMultiplier { get; }

    /// <summary>True when <see cref="CreateModule"/> needs the channel count (PReLU with one slope per channel).</summary>
    public bool PerChannel { get; }

    public InitKind Init => Spec.Init;

    public DropoutKind Dropout => Spec.Dropout;

    /// <summary>
    /// The libtorch built-in with the same hyper-parameters, for tests and benchmarks (a learnable activation's at its
    /// initial values); null where libtorch has none (maxout).
    /// </summary>
    public Func<Tensor, Tensor>? BuiltIn { get; }

    /// <summary>
    /// A new activation module. <paramref name="channels"/> is the size of dimension 1 of its input (the channels or
    /// features it receives); only per-channel PReLU uses it, and there it is required.
    /// </summary>
    public nn.Module<Tensor, Tensor> CreateModule(long? channels = null)
    {
        if (channels is < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "The channel count must be at least 1.");
        if (PerChannel && channels is null)
            throw new ArgumentException($"'{Name}' has one slope per channel: give the channel count (CreateModule(channels)).", nameof(channels));
        return factory(channels ?? 1);
    }

    /// <summary>The dropout companion with drop probability <paramref name="p"/>.</summary>
    public nn.Module<Tensor, Tensor> CreateDropout(double p) => Spec.CreateDropout(p);

    /// <summary>Initialises <paramref name="layer"/> (and the linear and convolution layers inside it) as the activation wants.</summary>
    public void ApplyInit(nn.Module layer) => Spec.ApplyInit(layer);

    public override string ToString() => Name;
}
