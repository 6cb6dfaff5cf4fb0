using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>The exponential linear unit: x where x &gt; 0, else α·(e^x − 1) (α default 1.0). Derivative 1 or α·e^x.</summary>
public sealed class EluActivation : ParameterLessModule<Tensor, Tensor>
{
    public const double DefaultAlpha = 1.0;

    public EluActivation(double alpha = DefaultAlpha) : base(nameof(EluActivation))
    {
        if (!double.IsFinite(alpha) || alpha < 0)
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "ELU's alpha must be a finite number ≥ 0.");
        Alpha = alpha;
    }

    public double Alpha { get; }

    public override Tensor forward(Tensor input) => ExponentialLinearFunction.Apply(input, Alpha, 1.0);
}
