using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace CustomActivations;

/// <summary>
/// Every activation of the comparison, by CLI name: the one place the app's --activations list, the plots' legend
/// names, the models' companions (initialisation, dropout, widening) and the tests' built-in references come from.
/// </summary>
public static class ActivationRegistry
{
    /// <summary>The grammar of an activation name, for help texts.</summary>
    public const string Grammar =
        """
        NAME[:PARAMETER], case-insensitive. Only these take a parameter:
          leaky-relu:<slope>              negative slope, a finite number (default 0.01; the tutorial uses 0.2)
          elu:<alpha>                     alpha, a finite number >= 0 (default 1)
          prelu:channel                   one learned slope per channel instead of one shared slope (init 0.25)
          swish:<beta> | swish:learnable  a fixed beta (default 1, i.e. SiLU), or a learned beta starting at 1
          softplus:<beta>[,<threshold>]   beta > 0 (default 1) and the threshold >= 0 above which it is linear (default 20)
          softmax:<dim>                   the dimension it normalises over (default 1, the channels)
          maxout:<k>                      k >= 2 pieces (default 2); the layer before it becomes k times wider
        """;

    private static readonly ActivationSpec[] specs = BuildSpecs();

    private static readonly Dictionary<string, ActivationSpec> byName = specs
        .SelectMany(s => s.Aliases.Prepend(s.Name).Select(n => (n, s)))
        .ToDictionary(e => e.n, e => e.s, StringComparer.OrdinalIgnoreCase);

    /// <summary>The CLI names, in the comparison's order.</summary>
    public static IReadOnlyList<string> Names { get; } = specs.Select(s => s.Name).ToArray();

    /// <summary>Every activation's description, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<ActivationSpec> Specs { get; } = specs;

    /// <summary>The tutorial's six: sigmoid, relu, elu, leaky-relu:0.2, selu and gelu (tanh form).</summary>
    public static IReadOnlyList<string> TutorialSelection { get; } = new[] { "sigmoid", "relu", "elu", "leaky-relu:0.2", "selu", "gelu" };

    /// <summary>The activation called <paramref name="name"/> (or an alias of it); a parameter after ':' is ignored.</summary>
    public static ActivationSpec GetSpec(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var (baseName, _) = Split(name);
        return byName.TryGetValue(baseName, out var spec) ? spec : throw Unknown(baseName);
    }

    /// <summary>Parses "name" or "name:parameter" (see <see cref="Grammar"/>); throws ArgumentException when it is not valid.</summary>
    public static ActivationChoice Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (baseName, parameter) = Split(text);
        if (baseName.Length == 0) throw new ArgumentException($"Empty activation name. Known: {string.Join(", ", Names)}.", nameof(text));
        if (!byName.TryGetValue(baseName, out var spec)) throw Unknown(baseName);
        if (parameter is not null && parameter.Length == 0)
            throw new ArgumentException($"'{text}' has an empty parameter after ':'; expected {spec.Usage}.", nameof(text));
        return spec.Configure(parameter);
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out ActivationChoice? choice, [NotNullWhen(false)] out string? error)
    {
        try
        {
            choice = Parse(text);
            error = null;
            return true;
        }
        catch (ArgumentException e)
        {
            choice = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// A new module for <paramref name="name"/> ("gelu", "leaky-relu:0.2", …) with the default hyper-parameters where
    /// none is given. An unknown name or a bad parameter throws ArgumentException.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(string name) => Parse(name).CreateModule();

    /// <summary>As <see cref="Create(string)"/>, for an input with <paramref name="channels"/> channels (needed by prelu:channel).</summary>
    public static nn.Module<Tensor, Tensor> Create(string name, long channels) => Parse(name).CreateModule(channels);

    private static (string name, string? parameter) Split(string text)
    {
        var trimmed = text.Trim();
        var colon = trimmed.IndexOf(':');
        return colon < 0 ? (trimmed, null) : (trimmed[..colon].Trim(), trimmed[(colon + 1)..].Trim());
    }

    private static ArgumentException Unknown(string name) =>
        new($"Unknown activation '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));

    // ---- the entries ----

    private static ActivationSpec[] BuildSpecs() => new[]
    {
        Simple("identity", "Identity", "x", null, "linear", "none",
            () => new IdentityActivation(), x => x.alias(), "(none: the input itself)"),
        Simple("sigmoid", "Sigmoid", "σ(x) = 1/(1 + e^(−x))", null, null, null,
            () => new SigmoidActivation(), x => x.sigmoid(), "torch.sigmoid"),
        Simple("tanh", "Tanh", "tanh(x) = (e^x − e^(−x))/(e^x + e^(−x))", null, null, null,
            () => new TanhActivation(), x => x.tanh(), "torch.tanh"),
        Simple("relu", "ReLU", "max(0, x)", null, null, null,
            () => new ReluActivation(), x => F.relu(x), "torch.nn.functional.relu"),
        LeakyRelu(),
        PRelu(),
        Elu(),
        Simple("selu", "SELU", "λ·(x if x > 0, else α·(e^x − 1)), λ ≈ 1.0507, α ≈ 1.6733",
            new Dictionary<string, double> { ["lambda"] = SeluActivation.Lambda, ["alpha"] = SeluActivation.Alpha }, null, null,
            () => new SeluActivation(), x => F.selu(x), "torch.nn.functional.selu", InitKind.LecunNormal, DropoutKind.Alpha),
        Simple("gelu", "GELU (tanh)", "0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))", null, "gelu-tanh", null,
            () => new GeluTanhActivation(), x => F.gelu(x, TorchSharp.Modules.GELU.Approximate.tanh),
            "torch.nn.functional.gelu(approximate: tanh)"),
        Simple("gelu-erf", "GELU (erf)", "x·Φ(x) = 0.5·x·(1 + erf(x/√2))", null, null, null,
            () => new GeluErfActivation(), x => F.gelu(x), "torch.nn.functional.gelu"),
        Swish(),
        Simple("mish", "Mish", "x·tanh(softplus(x))", null, null, null,
            () => new MishActivation(), x => F.mish(x), "torch.nn.functional.mish"),
        Softplus(),
        Softmax(),
        Maxout(),
    };

    private static ActivationSpec Simple(string name, string displayName, string formula, Dictionary<string, double>? defaults,
        string? alias, string? alias2, Func<nn.Module<Tensor, Tensor>> create, Func<Tensor, Tensor> builtIn, string builtInName,
        InitKind init = InitKind.Default, DropoutKind dropout = DropoutKind.Standard)
    {
        var values = (IReadOnlyDictionary<string, double>?)defaults ?? new Dictionary<string, double>();
        var aliases = new[] { alias, alias2 }.OfType<string>().ToArray();
        return new ActivationSpec(name, displayName, formula, null, null, values, init, dropout, builtInName, aliases,
            (spec, parameter) =>
            {
                if (parameter is not null)
                    throw new ArgumentException($"Activation '{spec.Name}' takes no parameter (got '{spec.Name}:{parameter}').", nameof(parameter));
                return new ActivationChoice(spec, null, spec.DisplayName, values, _ => create(), builtIn);
            });
    }

    private static ActivationSpec LeakyRelu() => new(
        "leaky-relu", "Leaky ReLU", "max(0, x) + a·min(0, x)", "<slope>",
        "the negative slope a, a finite number (default 0.01; the tutorial uses 0.2)",
        new Dictionary<string, double> { ["negative_slope"] = LeakyReluActivation.DefaultNegativeSlope },
        InitKind.Default, DropoutKind.Standard, "torch.nn.functional.leaky_relu", new[] { "leaky_relu", "lrelu" },
        (spec, parameter) =>
        {
            var slope = parameter is null
                ? LeakyReluActivation.DefaultNegativeSlope
                : ParseNumber(spec, parameter, double.IsFinite, "a finite number");
            return new ActivationChoice(spec, Format(parameter, slope), parameter is null ? spec.DisplayName : $"{spec.DisplayName} ({Format(slope)})",
                new Dictionary<string, double> { ["negative_slope"] = slope },
                _ => new LeakyReluActivation(slope), x => F.leaky_relu(x, slope));
        });

    private static ActivationSpec PRelu() => new(
        "prelu", "PReLU", "max(0, x) + a·min(0, x), a learned (init 0.25)", "channel",
        "'channel' for one learned slope per channel (default: one slope shared by all)",
        new Dictionary<string, double> { ["init"] = PReluActivation.DefaultInit, ["num_parameters"] = 1 },
        InitKind.Default, DropoutKind.Standard, "torch.nn.functional.prelu", Array.Empty<string>(),
        (spec, parameter) =>
        {
            var perChannel = parameter is not null;
            if (perChannel && !string.Equals(parameter, "channel", StringComparison.OrdinalIgnoreCase))
                throw BadParameter(spec, parameter!, "'channel'");
            var hyper = new Dictionary<string, double> { ["init"] = PReluActivation.DefaultInit };
            return new ActivationChoice(spec, perChannel ? "channel" : null, perChannel ? $"{spec.DisplayName} (per channel)" : spec.DisplayName,
                hyper,
                channels => new PReluActivation(perChannel ? channels : 1),
                perChannel
                    ? x => F.prelu(x, full(new[] { x.dim() < 2 ? 1L : x.size(1) }, PReluActivation.DefaultInit, x.dtype))
                    : x => F.prelu(x, full(new[] { 1L }, PReluActivation.DefaultInit, x.dtype)),
                perChannel: perChannel);
        });

    private static ActivationSpec Elu() => new(
        "elu", "ELU", "x if x > 0, else α·(e^x − 1)", "<alpha>", "alpha, a finite number ≥ 0 (default 1)",
        new Dictionary<string, double> { ["alpha"] = EluActivation.DefaultAlpha },
        InitKind.Default, DropoutKind.Standard, "torch.nn.functional.elu", Array.Empty<string>(),
        (spec, parameter) =>
        {
            var alpha = parameter is null
                ? EluActivation.DefaultAlpha
                : ParseNumber(spec, parameter, a => double.IsFinite(a) && a >= 0, "a finite number ≥ 0");
            return new ActivationChoice(spec, Format(parameter, alpha), parameter is null ? spec.DisplayName : $"{spec.DisplayName} (α={Format(alpha)})",
                new Dictionary<string, double> { ["alpha"] = alpha },
                _ => new EluActivation(alpha), x => F.elu(x, alpha));
        });

    private static ActivationSpec Swish() => new(
        "swish", "Swish", "x·σ(β·x)", "<beta>|learnable", "a fixed beta, a finite number (default 1: SiLU), or 'learnable' for a learned beta starting at 1",
        new Dictionary<string, double> { ["beta"] = SwishActivation.DefaultBeta },
        InitKind.Default, DropoutKind.Standard, "torch.nn.functional.silu", new[] { "silu" },
        (spec, parameter) =>
        {
            if (parameter is not null && string.Equals(parameter, "learnable", StringComparison.OrdinalIgnoreCase))
            {
                return new ActivationChoice(spec, "learnable", $"{spec.DisplayName} (learned β)",
                    new Dictionary<string, double> { ["beta"] = SwishActivation.DefaultBeta },
                    _ => new SwishActivation(SwishActivation.DefaultBeta, learnable: true), x => F.silu(x));
            }
            var beta = parameter is null
                ? SwishActivation.DefaultBeta
                : ParseNumber(spec, parameter, double.IsFinite, "a finite number or 'learnable'");
            Func<Tensor, Tensor> builtIn = beta == 1.0
                ? x => F.silu(x)
                : x =>
                {
                    using var scaled = x.mul(beta);
                    using var gate = scaled.sigmoid();
                    return x.mul(gate);
                };
            return new ActivationChoice(spec, Format(parameter, beta), parameter is null ? spec.DisplayName : $"{spec.DisplayName} (β={Format(beta)})",
                new Dictionary<string, double> { ["beta"] = beta },
                _ => new SwishActivation(beta), builtIn);
        });

    private static ActivationSpec Softplus() => new(
        "softplus", "Softplus", "(1/β)·log(1 + e^(β·x)), x where β·x > threshold", "<beta>[,<threshold>]",
        "beta, a finite number > 0 (default 1), and optionally the threshold ≥ 0 on β·x above which it returns x (default 20)",
        new Dictionary<string, double> { ["beta"] = SoftplusActivation.DefaultBeta, ["threshold"] = SoftplusActivation.DefaultThreshold },
        InitKind.Default, DropoutKind.Standard, "torch.nn.functional.softplus", Array.Empty<string>(),
        (spec, parameter) =>
        {
            var beta = SoftplusActivation.DefaultBeta;
            var threshold = SoftplusActivation.DefaultThreshold;
            string? normalised = null;
            if (parameter is not null)
            {
                var parts = parameter.Split(',');
                if (parts.Length > 2) throw BadParameter(spec, parameter, "<beta> or <beta>,<threshold>");
                beta = ParseNumber(spec, parts[0].Trim(), b => double.IsFinite(b) && b > 0, "a finite number > 0");
                if (parts.Length == 2) threshold = ParseNumber(spec, parts[1].Trim(), t => double.IsFinite(t) && t >= 0, "a finite threshold ≥ 0");
                normalised = parts.Length == 2 ? $"{Format(beta)},{Format(threshold)}" : Format(beta);
            }
            var display = parameter is null ? spec.DisplayName
                : threshold == SoftplusActivation.DefaultThreshold ? $"{spec.DisplayName} (β={Format(beta)})"
                : $"{spec.DisplayName} (β={Format(beta)}, threshold {Format(threshold)})";
            return new ActivationChoice(spec, normalised, display,
                new Dictionary<string, double> { ["beta"] = beta, ["threshold"] = threshold },
                _ => new SoftplusActivation(beta, threshold), x => F.softplus(x, beta, threshold));
        });

    private static ActivationSpec Softmax() => new(
        "softmax", "Softmax", "e^(x_i) / Σ_j e^(x_j) along one dimension", "<dim>", "the dimension it normalises over, an integer (default 1)",
        new Dictionary<string, double> { ["dim"] = SoftmaxActivation.DefaultDim },
        InitKind.Default, DropoutKind.Standard, "torch.nn.functional.softmax", Array.Empty<string>(),
        (spec, parameter) =>
        {
            var dim = parameter is null ? SoftmaxActivation.DefaultDim : ParseInteger(spec, parameter, _ => true, "an integer");
            return new ActivationChoice(spec, parameter is null ? null : dim.ToString(CultureInfo.InvariantCulture),
                parameter is null ? spec.DisplayName : $"{spec.DisplayName} (dim {dim})",
                new Dictionary<string, double> { ["dim"] = dim },
                _ => new SoftmaxActivation(dim), x => F.softmax(x, dim));
        });

    private static ActivationSpec Maxout() => new(
        "maxout", "Maxout", "max_j (w_j·x + b_j) over k linear pieces", "<k>",
        "the number of pieces k, an integer ≥ 2 (default 2); the layer before it becomes k times wider",
        new Dictionary<string, double> { ["k"] = MaxoutActivation.DefaultPieces },
        InitKind.Default, DropoutKind.Standard, null, Array.Empty<string>(),
        (spec, parameter) =>
        {
            var k = parameter is null ? MaxoutActivation.DefaultPieces : ParseInteger(spec, parameter, v => v is >= 2 and <= 1024, "an integer from 2 to 1024");
            return new ActivationChoice(spec, parameter is null ? null : k.ToString(CultureInfo.InvariantCulture),
                parameter is null ? spec.DisplayName : $"{spec.DisplayName} (k={k})",
                new Dictionary<string, double> { ["k"] = k },
                _ => new MaxoutActivation((int)k), null, widthMultiplier: (int)k);
        });

    // ---- parameters ----

    private static double ParseNumber(ActivationSpec spec, string text, Func<double, bool> valid, string requirement)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && valid(value)) return value;
        throw BadParameter(spec, text, requirement);
    }

    private static long ParseInteger(ActivationSpec spec, string text, Func<long, bool> valid, string requirement)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && valid(value)) return value;
        throw BadParameter(spec, text, requirement);
    }

    private static ArgumentException BadParameter(ActivationSpec spec, string text, string requirement) =>
        new($"Bad parameter '{text}' for activation '{spec.Name}': expected {requirement}. Usage: {spec.Usage} — {spec.ParameterHelp}.", "name");

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string? Format(string? parameter, double value) => parameter is null ? null : Format(value);
}
