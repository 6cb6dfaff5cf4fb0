using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// The scaled exponential linear unit of self-normalising networks: λ·(x where x &gt; 0, else α·(e^x − 1)) with the
/// fixed λ and α below. It keeps activations near mean 0 and variance 1 when the weights are LeCun-normal
/// (<see cref="LecunNormal"/>) and dropout is <see cref="SelfNormalizingDropout"/>.
/// </summary>
public sealed class SeluActivation : ParameterLessModule<Tensor, Tensor>
{
    public const double Lambda = 1.0507009873554804934193349852946;
    public const double Alpha = 1.6732632423543772848170429916717;

    public SeluActivation() : base(nameof(SeluActivation))
    {
    }

    public override Tensor forward(Tensor input) => ExponentialLinearFunction.Apply(input, Alpha, Lambda);
}
