using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Mish x·tanh(softplus(x)), with softplus(x) = max(x, 0) + log(1 + e^(−|x|)) so that no exponential overflows.
/// Derivative t + x·σ(x)·(1 − t²), t = tanh(softplus(x)) kept from the forward pass.
/// </summary>
public sealed class MishActivation : ParameterLessModule<Tensor, Tensor>
{
    public MishActivation() : base(nameof(MishActivation))
    {
    }

    public override Tensor forward(Tensor input) => MishFunction.apply(input);

    private sealed class MishFunction : autograd.SingleTensorFunction<MishFunction>
    {
        public override string Name => nameof(MishFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var t = ElementwiseMath.Log1pExpNegAbs(x);
            using (var positive = x.clamp_min(Scalars.Of(0.0)))
            {
                t.add_(positive, Scalars.One); // softplus(x)
            }
            t.tanh_();
            var y = x.mul(t);
            ctx.save_for_backward(new List<Tensor> { x, t });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            using var x = saved[0];
            using var t = saved[1];
            var grad = ElementwiseMath.Sigmoid(x);
            grad.mul_(x);                     // x·σ(x)
            using (var product = grad.mul(t))
            {
                grad.addcmul_(product, t, Scalars.Of(-1.0)); // ·(1 − t²)
            }
            grad.add_(t, Scalars.One);
            grad.mul_(grad_output);
            return new List<Tensor> { grad };
        }
    }
}
