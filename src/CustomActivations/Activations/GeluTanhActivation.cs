using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// GELU in its tanh form (the tutorial's "gelu"): 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³).
/// Computed as x·σ(2u), the same function since 0.5·(1 + tanh(u)) = σ(2u): one exponential instead of a tanh (about
/// four times cheaper here), and no cancellation in 1 + tanh(u) for negative x. With q = σ(2u) kept from the forward
/// pass, the derivative is q + q·(1 − q)·2x·√(2/π)·(1 + 3·0.044715·x²).
/// </summary>
public sealed class GeluTanhActivation : ParameterLessModule<Tensor, Tensor>
{
    /// <summary>√(2/π).</summary>
    public const double Coefficient = 0.79788456080286535587989211986876;

    public const double CubicCoefficient = 0.044715;

    public GeluTanhActivation() : base(nameof(GeluTanhActivation))
    {
    }

    public override Tensor forward(Tensor input) => GeluTanhFunction.apply(input);

    private sealed class GeluTanhFunction : autograd.SingleTensorFunction<GeluTanhFunction>
    {
        public override string Name => nameof(GeluTanhFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var q = x.pow(Scalars.Of(3.0));
            q.mul_(Scalars.Of(-2.0 * Coefficient * CubicCoefficient));
            q.add_(x, Scalars.Of(-2.0 * Coefficient)); // −2u
            q.exp_();                         // may reach +inf for very negative x: then q = 0 below, exactly
            q.add_(Scalars.Of(1.0), Scalars.One);
            q.pow_(Scalars.Of(-1.0));         // σ(2u) = 0.5·(1 + tanh(u))
            var y = x.mul(q);
            ctx.save_for_backward(new List<Tensor> { x, q });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            using var x = saved[0];
            using var q = saved[1];
            var grad = x.pow(Scalars.Of(3.0));
            grad.mul_(Scalars.Of(6.0 * Coefficient * CubicCoefficient));
            grad.add_(x, Scalars.Of(2.0 * Coefficient)); // 2x·√(2/π)·(1 + 3·0.044715·x²)
            grad.mul_(q);
            ElementwiseMath.TimesOneMinusInPlace(grad, q);   // ·q·(1 − q)
            grad.add_(q, Scalars.One);
            grad.mul_(grad_output);
            return new List<Tensor> { grad };
        }
    }
}
