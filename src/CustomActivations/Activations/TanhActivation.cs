using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// The hyperbolic tangent, from exponentials: tanh(x) = sign(x)·(1 − e^(−2|x|)) / (1 + e^(−2|x|)), with
/// e^(−2|x|) − 1 taken by expm1 so that small |x| keeps full relative precision and large |x| cannot overflow.
/// Derivative 1 − tanh²(x), from the output.
/// </summary>
public sealed class TanhActivation : ParameterLessModule<Tensor, Tensor>
{
    public TanhActivation() : base(nameof(TanhActivation))
    {
    }

    public override Tensor forward(Tensor input) => TanhFunction.apply(input);

    private sealed class TanhFunction : autograd.SingleTensorFunction<TanhFunction>
    {
        public override string Name => nameof(TanhFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var y = x.abs();
            y.mul_(Scalars.Of(-2.0));
            y.expm1_();                       // e^(−2|x|) − 1, in (−1, 0]
            using (var denominator = y.add(Scalars.Of(2.0), Scalars.One))
            {
                y.div_(denominator);          // −tanh(|x|)
            }
            using (var sign = x.sign())
            {
                y.mul_(sign);
            }
            y.neg_();
            ctx.save_for_backward(new List<Tensor> { y });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            using var y = ctx.get_saved_variables()[0];
            var grad = y.mul(y);
            grad.neg_();
            grad.add_(Scalars.Of(1.0), Scalars.One);
            grad.mul_(grad_output);
            return new List<Tensor> { grad };
        }
    }
}
