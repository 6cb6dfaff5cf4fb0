using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// No activation: f(x) = x. The baseline that shows what the non-linearity buys — without it a stack of layers
/// collapses to a single linear map.
/// </summary>
public sealed class IdentityActivation : ParameterLessModule<Tensor, Tensor>
{
    public IdentityActivation() : base(nameof(IdentityActivation))
    {
    }

    // A new handle to the same tensor, so the caller may dispose input and output independently.
    public override Tensor forward(Tensor input) => input.alias();
}
