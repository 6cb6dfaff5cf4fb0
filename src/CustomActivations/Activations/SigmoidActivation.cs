using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>The logistic sigmoid σ(x) = 1 / (1 + e^(−x)); its derivative σ(x)·(1 − σ(x)) comes from the output.</summary>
public sealed class SigmoidActivation : ParameterLessModule<Tensor, Tensor>
{
    public SigmoidActivation() : base(nameof(SigmoidActivation))
    {
    }

    public override Tensor forward(Tensor input) => SigmoidFunction.apply(input);

    private sealed class SigmoidFunction : autograd.SingleTensorFunction<SigmoidFunction>
    {
        public override string Name => nameof(SigmoidFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var y = ElementwiseMath.Sigmoid((Tensor)vars[0]);
            ctx.save_for_backward(new List<Tensor> { y });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            using var y = ctx.get_saved_variables()[0];
            var grad = grad_output.mul(y);
            ElementwiseMath.TimesOneMinusInPlace(grad, y);
            return new List<Tensor> { grad };
        }
    }
}
