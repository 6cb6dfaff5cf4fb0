using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Leaky ReLU: x where x &gt; 0, else a·x (a = the negative slope, default 0.01; the tutorial uses 0.2).
/// The forward pass builds the slope tensor f (1 or a per element) once, returns x·f and keeps f, so the backward pass
/// is a single product grad·f. As in libtorch, x = 0 takes the slope a.
/// </summary>
public sealed class LeakyReluActivation : ParameterLessModule<Tensor, Tensor>
{
    public const double DefaultNegativeSlope = 0.01;

    public LeakyReluActivation(double negativeSlope = DefaultNegativeSlope) : base(nameof(LeakyReluActivation))
    {
        if (!double.IsFinite(negativeSlope))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be a finite number.");
        NegativeSlope = negativeSlope;
    }

    public double NegativeSlope { get; }

    public override Tensor forward(Tensor input) => LeakyReluFunction.apply(input, NegativeSlope);

    private sealed class LeakyReluFunction : autograd.SingleTensorFunction<LeakyReluFunction>
    {
        public override string Name => nameof(LeakyReluFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var slope = (double)vars[1];
            var factor = x.sign();            // 1, 0 or −1 (0 for NaN)
            if (slope is >= 0.0 and <= 1.0)
            {
                factor.clamp_min_(Scalars.Of(slope)); // 1 where x > 0, a elsewhere
            }
            else
            {
                factor.clamp_min_(Scalars.Of(0.0));
                factor.mul_(Scalars.Of(1.0 - slope));
                factor.add_(Scalars.Of(slope), Scalars.One);
            }
            var y = x.mul(factor);
            ctx.save_for_backward(new List<Tensor> { factor });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            using var factor = ctx.get_saved_variables()[0];
            return new List<Tensor> { grad_output.mul(factor), null! };
        }
    }
}
