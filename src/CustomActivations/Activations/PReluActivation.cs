using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Parametric ReLU: x where x &gt; 0, else a·x with a learned — one slope shared by all channels, or one per channel
/// (dimension 1 of the input) — initialised to 0.25. Derivatives: ∂/∂x = 1 or a; ∂/∂a = Σ min(x, 0)·grad.
/// </summary>
public sealed class PReluActivation : nn.Module<Tensor, Tensor>
{
    public const double DefaultInit = 0.25;

    // Registered as "weight", the name libtorch's PReLU uses: shape [numParameters].
    private Parameter weight;

    public PReluActivation(long numParameters = 1, double init = DefaultInit) : base(nameof(PReluActivation))
    {
        if (numParameters < 1)
            throw new ArgumentOutOfRangeException(nameof(numParameters), numParameters, "PReLU needs at least one slope.");
        if (!double.IsFinite(init)) throw new ArgumentOutOfRangeException(nameof(init), init, "PReLU's initial slope must be a finite number.");
        NumParameters = numParameters;
        weight = (Parameter)new Parameter(full(new[] { numParameters }, init, float32)).DetachFromDisposeScope();
        RegisterComponents();
    }

    public long NumParameters { get; }

    /// <summary>The learned slopes, shape [NumParameters].</summary>
    public Parameter Weight => weight;

    public override Tensor forward(Tensor input)
    {
        if (NumParameters > 1 && (input.dim() < 2 || input.size(1) != NumParameters))
        {
            throw new ArgumentException(
                $"PReLU with {NumParameters} slopes needs inputs with {NumParameters} channels in dimension 1; got shape [{string.Join(", ", input.shape)}].",
                nameof(input));
        }
        return PReluFunction.apply(input, weight);
    }

    private sealed class PReluFunction : autograd.SingleTensorFunction<PReluFunction>
    {
        public override string Name => nameof(PReluFunction);

        // The slopes shaped to broadcast over the input: [C] becomes [1, C, 1, …].
        private static Tensor Broadcastable(Tensor weight, Tensor input)
        {
            if (weight.numel() == 1 || input.dim() < 2) return weight.alias();
            var shape = Enumerable.Repeat(1L, (int)input.dim()).ToArray();
            shape[1] = weight.numel();
            return weight.view(shape);
        }

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var weight = (Tensor)vars[1];
            using var slopes = Broadcastable(weight, x);
            var y = x.clamp_min(Scalars.Of(0.0));
            using (var negative = x.clamp_max(Scalars.Of(0.0)))
            {
                y.addcmul_(negative, slopes, Scalars.Of(1.0));
            }
            ctx.save_for_backward(new List<Tensor> { x, weight });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            using var x = saved[0];
            using var weight = saved[1];
            using var slopes = Broadcastable(weight, x);

            // ∂/∂x = a + [x > 0]·(1 − a)
            var grad = grad_output.mul(slopes);
            using (var positive = ElementwiseMath.PositiveIndicator(x))
            using (var oneMinusSlopes = slopes.neg())
            {
                oneMinusSlopes.add_(Scalars.Of(1.0), Scalars.One);
                positive.mul_(grad_output);
                grad.addcmul_(positive, oneMinusSlopes, Scalars.Of(1.0));
            }

            // ∂/∂a = Σ min(x, 0)·grad over every dimension but the channels
            using var contribution = x.clamp_max(Scalars.Of(0.0));
            contribution.mul_(grad_output);
            Tensor weightGrad;
            if (weight.numel() == 1 || x.dim() < 2)
            {
                using var total = contribution.sum();
                weightGrad = total.reshape(weight.shape);
            }
            else
            {
                var dims = Enumerable.Range(0, (int)x.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
                weightGrad = contribution.sum(dims);
            }
            if (weightGrad.dtype != weight.dtype)
            {
                using var uncast = weightGrad;
                weightGrad = uncast.to_type(weight.dtype);
            }
            return new List<Tensor> { grad, weightGrad };
        }
    }
}
