using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// Swish x·σ(β·x) (SiLU when β = 1). β is a fixed number or, with <c>learnable: true</c>, a trained scalar parameter
/// starting at the given β. Derivatives: ∂/∂x = s + β·x·s·(1 − s) and ∂/∂β = x²·s·(1 − s), s = σ(β·x).
/// </summary>
public sealed class SwishActivation : nn.Module<Tensor, Tensor>
{
    public const double DefaultBeta = 1.0;

    // Registered as "beta" when learnable; null otherwise.
    private Parameter? beta;
    private readonly double fixedBeta;

    public SwishActivation(double beta = DefaultBeta, bool learnable = false) : base(nameof(SwishActivation))
    {
        if (!double.IsFinite(beta)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "Swish's beta must be a finite number.");
        fixedBeta = beta;
        if (learnable) this.beta = (Parameter)new Parameter(tensor(new[] { beta }, float32)).DetachFromDisposeScope();
        RegisterComponents();
    }

    public bool IsLearnable => beta is not null;

    /// <summary>The learnable β, or null when β is fixed.</summary>
    public Parameter? BetaParameter => beta;

    /// <summary>β's current value.</summary>
    public double Beta
    {
        get
        {
            if (beta is null) return fixedBeta;
            using (no_grad()) return beta.ToDouble();
        }
    }

    public override Tensor forward(Tensor input) =>
        beta is null ? SwishFunction.apply(input, fixedBeta) : SwishFunction.apply(input, beta);

    // vars: x and β (a double, or a one-element tensor that receives a gradient). The forward pass keeps the input
    // derivative s + β·x·s·(1 − s) = s + β·y·(1 − s), built from the output y = x·s in two passes, so the backward
    // pass for x is one product.
    private sealed class SwishFunction : autograd.SingleTensorFunction<SwishFunction>
    {
        public override string Name => nameof(SwishFunction);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var x = (Tensor)vars[0];
            var learned = vars[1] as Tensor;
            var s = learned is null ? ElementwiseMath.Sigmoid(x, (double)vars[1]) : ElementwiseMath.Sigmoid(x, learned);
            var y = x.mul(s);
            Tensor slope;
            if (learned is null)
            {
                var beta = (double)vars[1];
                slope = s.add(y, Scalars.Of(beta));
                slope.addcmul_(y, s, Scalars.Of(-beta));
            }
            else
            {
                slope = y.mul(learned);
                ElementwiseMath.TimesOneMinusInPlace(slope, s);
                slope.add_(s, Scalars.One);
            }
            ctx.save_for_backward(learned is null ? new List<Tensor> { slope } : new List<Tensor> { slope, x, s, y, learned });
            return y;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            using var slope = saved[0];
            var grad = grad_output.mul(slope);
            if (saved.Count == 1) return new List<Tensor> { grad, null! };

            // ∂/∂β = Σ grad·x²·s·(1 − s) = Σ grad·x·y·(1 − s)
            using var x = saved[1];
            using var s = saved[2];
            using var y = saved[3];
            using var beta = saved[4];
            using var term = y.mul(x);
            ElementwiseMath.TimesOneMinusInPlace(term, s);
            term.mul_(grad_output);
            using var total = term.sum();
            using var shaped = total.reshape(beta.shape);
            return new List<Tensor> { grad, shaped.to_type(beta.dtype) };
        }
    }
}
