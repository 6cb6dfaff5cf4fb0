using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Alpha dropout, SELU's companion (the self-normalising-network formulas): in training mode each unit is dropped
/// with probability p and set to α' = −λ·α (SELU's negative saturation value) instead of 0; then the affine correction
/// a·x + b with a = ((1 − p)·(1 + p·α'²))^(−1/2) and b = −a·α'·p restores mean 0 and variance 1. In evaluation mode it
/// is the identity.
/// </summary>
public sealed class SelfNormalizingDropout : ParameterLessModule<Tensor, Tensor>
{
    /// <summary>α' = −λ·α.</summary>
    public const double DroppedValue = -SeluActivation.Lambda * SeluActivation.Alpha;

    private readonly Generator? generator;

    public SelfNormalizingDropout(double p = 0.5, Generator? generator = null) : base(nameof(SelfNormalizingDropout))
    {
        if (!(p >= 0.0 && p <= 1.0)) throw new ArgumentOutOfRangeException(nameof(p), p, "The dropout probability must be between 0 and 1.");
        P = p;
        this.generator = generator;
        if (p < 1.0)
        {
            Scale = 1.0 / Math.Sqrt((1.0 - p) * (1.0 + p * DroppedValue * DroppedValue));
            Shift = -Scale * DroppedValue * p;
        }
    }

    public double P { get; }

    /// <summary>a = ((1 − p)·(1 + p·α'²))^(−1/2) (0 when p = 1).</summary>
    public double Scale { get; }

    /// <summary>b = −a·α'·p.</summary>
    public double Shift { get; }

    public override Tensor forward(Tensor input)
    {
        if (!training || P == 0.0) return input.alias();
        if (P == 1.0) return input.mul(Scalars.Of(0.0)); // everything dropped: as libtorch, zeros

        // y = a·(x·keep + α'·(1 − keep)) + b = x·(a·keep) + (a·α' + b − a·α'·keep)
        using var keep = input.empty_like();
        keep.bernoulli_(1.0 - P, generator);
        using var offset = keep.mul(Scalars.Of(-Scale * DroppedValue));
        offset.add_(Scalars.Of(Scale * DroppedValue + Shift), Scalars.One);
        keep.mul_(Scalars.Of(Scale));
        var output = input.mul(keep);
        output.add_(offset, Scalars.One);
        return output;
    }
}
