using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Softplus (1/β)·log(1 + e^(β·x)), and x itself where β·x exceeds the threshold (as libtorch). Computed as
/// (max(β·x, 0) + log(1 + e^(−|β·x|)))/β, which never overflows. Derivative σ(β·x), or 1 above the threshold.
/// The threshold is applied arithmetically with a 0/1 tensor: libtorch 1.13's where and masked_fill are about ten
/// times slower on the CPU than an element-wise product.
/// </summary>
public sealed class SoftplusActivation : ParameterLessModule<Tensor, Tensor>
{
    public const double DefaultBeta = 1.0;
    public const double DefaultThreshold = 20.0;

    public SoftplusActivation(double beta = DefaultBeta, double threshold = DefaultThreshold) : base(nameof(SoftplusActivation))
    {
        if (!double.IsFinite(beta) || beta <= 0)
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Softplus's beta must be a finite number > 0.");
        if (!(threshold >= 0))
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Softplus's threshold must be a number ≥ 0.");
        Beta = beta;
        Threshold = threshold;
    }

    public double Beta { get; }

    public double Threshold { get; }

    public override Tensor forward(Tensor input) => SoftplusFunction.apply(input, Beta, Threshold);

    private sealed class SoftplusFunction : autograd.SingleTensorFunction<SoftplusFunction>
    {
        public override string Name => nameof(SoftplusFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var beta = (double)vars[1];
            var threshold = (double)vars[2];
            var y = x.mul(Scalars.Of(beta));                   // z = β·x, becomes the output
            var linear = y.clone();
            linear.gt_(Scalars.Of(threshold));                 // 1 where z > threshold (0 for NaN)
            using var tail = ElementwiseMath.Log1pExpNegAbs(y); // log(1 + e^(−|z|))
            y.clamp_min_(Scalars.Of(0.0));
            y.add_(tail, Scalars.One);                         // softplus(z) = max(z, 0) + log(1 + e^(−|z|))
            y.addcmul_(tail, linear, Scalars.Of(-1.0));        // above the threshold: max(z, 0) = z alone
            if (beta != 1.0) y.div_(Scalars.Of(beta));
            ctx.save_for_backward(new List<Tensor> { x, linear });
            ctx.save_data("beta", beta);
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var beta = (double)ctx.get_data("beta");
            var saved = ctx.get_saved_variables();
            using var x = saved[0];
            using var linear = saved[1];
            var grad = ElementwiseMath.Sigmoid(x, beta);
            grad.clamp_(min: linear);                          // 1 above the threshold, σ(β·x) ≤ 1 elsewhere
            grad.mul_(grad_output);
            return new List<Tensor> { grad, null!, null! };
        }
    }
}
