using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Softmax along one dimension (default 1, the channels): e^(x_i − max x) / Σ_j e^(x_j − max x). Subtracting the
/// maximum keeps every exponential in (0, 1]. Backward y·(g − Σ g·y) from the output y.
/// </summary>
public sealed class SoftmaxActivation : ParameterLessModule<Tensor, Tensor>
{
    public const long DefaultDim = 1;

    public SoftmaxActivation(long dim = DefaultDim) : base(nameof(SoftmaxActivation)) => Dim = dim;

    public long Dim { get; }

    public override Tensor forward(Tensor input) => SoftmaxFunction.apply(input, Dim);

    private sealed class SoftmaxFunction : autograd.SingleTensorFunction<SoftmaxFunction>
    {
        public override string Name => nameof(SoftmaxFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var dim = (long)vars[1];
            var (maximum, indexes) = x.max(dim, keepdim: true);
            indexes.Dispose();
            var y = x.sub(maximum);
            maximum.Dispose();
            y.exp_();
            using (var total = y.sum(dim, keepdim: true))
            {
                y.div_(total);
            }
            ctx.save_for_backward(new List<Tensor> { y });
            ctx.save_data("dim", dim);
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var dim = (long)ctx.get_data("dim");
            using var y = ctx.get_saved_variables()[0];
            var grad = grad_output.mul(y);
            using (var total = grad.sum(dim, keepdim: true))
            {
                grad.addcmul_(y, total, Scalars.Of(-1.0)); // y·g − y·Σ(g·y)
            }
            return new List<Tensor> { grad, null! };
        }
    }
}
