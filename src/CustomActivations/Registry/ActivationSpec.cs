using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// One activation of the registry: its CLI name, legend name, formula, hyper-parameters and companions (layer
/// initialisation and dropout). <see cref="Configure"/> turns an optional parameter into an <see cref="ActivationChoice"/>.
/// </summary>
public sealed class ActivationSpec
{
    private readonly Func<ActivationSpec, string?, ActivationChoice> configure;

    internal ActivationSpec(string name, string displayName, string formula, string? parameterSyntax, string? parameterHelp,
        IReadOnlyDictionary<string, double> defaults, InitKind init, DropoutKind dropout, string? builtInName,
        IReadOnlyList<string> aliases, Func<ActivationSpec, string?, ActivationChoice> configure)
    {
        Name = name;
        DisplayName = displayName;
        Formula = formula;
        ParameterSyntax = parameterSyntax;
        ParameterHelp = parameterHelp;
        Defaults = defaults;
        Init = init;
        Dropout = dropout;
        BuiltInName = builtInName;
        Aliases = aliases;
        this.configure = configure;
    }

    /// <summary>The CLI name, e.g. "leaky-relu".</summary>
    public string Name { get; }

    /// <summary>The name for legends and tables, e.g. "Leaky ReLU".</summary>
    public string DisplayName { get; }

    /// <summary>The formula as text, e.g. "x·σ(β·x)".</summary>
    public string Formula { get; }

    /// <summary>What may follow "name:", e.g. "&lt;slope&gt;"; null when the activation takes no parameter.</summary>
    public string? ParameterSyntax { get; }

    /// <summary>What the parameter means and which values it accepts; null when there is none.</summary>
    public string? ParameterHelp { get; }

    /// <summary>The default hyper-parameters by name (empty when there are none).</summary>
    public IReadOnlyDictionary<string, double> Defaults { get; }

    /// <summary>How the layers around it should be initialised.</summary>
    public InitKind Init { get; }

    /// <summary>Which dropout goes with it.</summary>
    public DropoutKind Dropout { get; }

    /// <summary>The libtorch built-in it must match (for tests and benchmarks), e.g. "torch.nn.functional.selu"; null for maxout.</summary>
    public string? BuiltInName { get; }

    /// <summary>Other names the registry accepts for it, e.g. "silu" for swish.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>"name" or "name:&lt;parameter&gt;", for help texts.</summary>
    public string Usage => ParameterSyntax is null ? Name : $"{Name}[:{ParameterSyntax}]";

    /// <summary>
    /// This activation with the given parameter (null: the defaults). Throws ArgumentException for a parameter it does
    /// not take or a bad value.
    /// </summary>
    public ActivationChoice Configure(string? parameter = null) => configure(this, string.IsNullOrWhiteSpace(parameter) ? null : parameter.Trim());

    /// <summary>A new module with the default hyper-parameters (or with <paramref name="parameter"/>); see <see cref="ActivationChoice.CreateModule"/>.</summary>
    public nn.Module<Tensor, Tensor> Create(string? parameter = null, long? channels = null) => Configure(parameter).CreateModule(channels);

    /// <summary>This activation's dropout companion with drop probability <paramref name="p"/>.</summary>
    public nn.Module<Tensor, Tensor> CreateDropout(double p) => CreateDropout(Dropout, p);

    /// <summary>Initialises <paramref name="layer"/> (and the linear and convolution layers inside it) as this activation wants.</summary>
    public void ApplyInit(nn.Module layer) => ApplyInit(Init, layer);

    public static nn.Module<Tensor, Tensor> CreateDropout(DropoutKind kind, double p) => kind switch
    {
        DropoutKind.Alpha => new SelfNormalizingDropout(p),
        _ => nn.Dropout(p),
    };

    public static void ApplyInit(InitKind kind, nn.Module layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        if (kind == InitKind.LecunNormal) LecunNormal.Apply(layer);
    }

    public override string ToString() => Name;
}
