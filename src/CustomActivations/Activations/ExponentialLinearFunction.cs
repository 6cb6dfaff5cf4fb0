using static TorchSharp.torch;

namespace CustomActivations;

// λ·(x where x > 0, else α·(e^x − 1)): ELU (λ = 1) and SELU share it. Derivative λ where x > 0, else λ·α·e^x
// (libtorch takes the negative branch at x = 0). With m = min(x, 0) the exponential never overflows. e^m − 1 is
// taken by expm1 in float64 (exact near 0); other types use e^m − 1 as libtorch's own ELU does: expm1 costs about
// three exps in this libtorch, and the difference is below float32's resolution of values near 1.
//
// The forward pass keeps the derivative itself, so the backward pass is one product. For α = 1 it is λ·e^m everywhere
// (e^m = 1 where x ≥ 0); for other α it jumps at 0, and the indicator of x > 0, made in place from the max(x, 0) the
// output needs anyway, puts λ there.
internal sealed class ExponentialLinearFunction : autograd.SingleTensorFunction<ExponentialLinearFunction>
{
    public override string Name => nameof(ExponentialLinearFunction);

    internal static Tensor Apply(Tensor x, double alpha, double scale) => apply(x, alpha, scale);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        var alpha = (double)vars[1];
        var scale = (double)vars[2];
        return alpha == 1.0 ? ForwardUnitAlpha(ctx, x, scale) : ForwardGeneral(ctx, x, alpha, scale);
    }

    private static Tensor ForwardUnitAlpha(autograd.AutogradContext ctx, Tensor x, double scale)
    {
        var slope = x.clamp_max(Scalars.Of(0.0));       // m = min(x, 0)
        Tensor y;
        if (x.dtype == ScalarType.Float64)
        {
            y = slope.expm1();                          // exact near 0
            slope.exp_();
        }
        else
        {
            slope.exp_();
            y = slope.sub(Scalars.Of(1.0));
        }
        y.clamp_(min: x);                               // max(x, e^m − 1): x where x > 0, e^x − 1 elsewhere
        if (scale != 1.0)
        {
            y.mul_(Scalars.Of(scale));
            slope.mul_(Scalars.Of(scale));
        }
        ctx.save_for_backward(new List<Tensor> { slope });
        return y;
    }

    private static Tensor ForwardGeneral(autograd.AutogradContext ctx, Tensor x, double alpha, double scale)
    {
        var slope = x.clamp_max(Scalars.Of(0.0));       // m = min(x, 0)
        Tensor y;
        if (x.dtype == ScalarType.Float64)
        {
            y = slope.expm1();
            y.mul_(Scalars.Of(scale * alpha));
            slope.exp_();
        }
        else
        {
            slope.exp_();
            y = slope.mul(Scalars.Of(scale * alpha));
            y.sub_(Scalars.Of(scale * alpha));          // λ·α·(e^m − 1): 0 where x ≥ 0
        }
        using (var positive = x.clamp_min(Scalars.Of(0.0)))
        {
            y.add_(positive, Scalars.Of(scale));
            positive.gt_(Scalars.Of(0.0));              // the indicator of x > 0 (0 for NaN)
            slope.mul_(Scalars.Of(scale * alpha));
            slope.add_(positive, Scalars.Of(scale - scale * alpha)); // λ where x > 0, λ·α·e^x elsewhere
        }
        ctx.save_for_backward(new List<Tensor> { slope });
        return y;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        using var slope = ctx.get_saved_variables()[0];
        return new List<Tensor> { grad_output.mul(slope), null!, null! };
    }
}
