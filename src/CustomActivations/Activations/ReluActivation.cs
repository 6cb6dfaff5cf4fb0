using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>The rectified linear unit max(0, x). Derivative 1 where x &gt; 0, else 0 (also at x = 0, as libtorch).</summary>
public sealed class ReluActivation : ParameterLessModule<Tensor, Tensor>
{
    public ReluActivation() : base(nameof(ReluActivation))
    {
    }

    public override Tensor forward(Tensor input) => ReluFunction.apply(input);

    private sealed class ReluFunction : autograd.SingleTensorFunction<ReluFunction>
    {
        public override string Name => nameof(ReluFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var y = ((Tensor)vars[0]).clamp_min(Scalars.Of(0.0));
            ctx.save_for_backward(new List<Tensor> { y });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            using var y = ctx.get_saved_variables()[0];
            var grad = y.sign();              // the output is ≥ 0: its sign is the step function
            grad.mul_(grad_output);
            return new List<Tensor> { grad };
        }
    }
}
