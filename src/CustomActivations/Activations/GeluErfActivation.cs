using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// GELU in its exact form x·Φ(x), Φ(x) = 0.5·(1 + erf(x/√2)) the standard normal distribution function.
/// Derivative Φ(x) + x·φ(x) with φ(x) = e^(−x²/2)/√(2π); the forward pass keeps Φ(x).
/// </summary>
public sealed class GeluErfActivation : ParameterLessModule<Tensor, Tensor>
{
    private const double InverseSqrt2 = 0.70710678118654752440084436210485;
    private const double InverseSqrt2Pi = 0.39894228040143267793994605993438;

    public GeluErfActivation() : base(nameof(GeluErfActivation))
    {
    }

    public override Tensor forward(Tensor input) => GeluErfFunction.apply(input);

    private sealed class GeluErfFunction : autograd.SingleTensorFunction<GeluErfFunction>
    {
        public override string Name => nameof(GeluErfFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var cdf = x.mul(Scalars.Of(InverseSqrt2));
            cdf.erf_();
            cdf.add_(Scalars.Of(1.0), Scalars.One);
            cdf.mul_(Scalars.Of(0.5));        // Φ(x)
            var y = x.mul(cdf);
            ctx.save_for_backward(new List<Tensor> { x, cdf });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            using var x = saved[0];
            using var cdf = saved[1];
            var grad = x.mul(x);
            grad.mul_(Scalars.Of(-0.5));
            grad.exp_();                      // e^(−x²/2): no overflow, underflows to 0 for large |x|
            grad.mul_(Scalars.Of(InverseSqrt2Pi));
            grad.mul_(x);                     // x·φ(x)
            grad.add_(cdf, Scalars.One);
            grad.mul_(grad_output);
            return new List<Tensor> { grad };
        }
    }
}
