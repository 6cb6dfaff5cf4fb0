using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations;

// Building blocks shared by the activations' forward and backward passes. Each makes at most one new tensor and
// then works in place on it, so a formula costs one allocation however many terms it has.
internal static class ElementwiseMath
{
    // σ(scale·x) = 1 / (1 + e^(−scale·x)) as a new tensor. e^(−scale·x) reaches +inf only where σ is below the
    // smallest normal number; 1 / (1 + inf) = 0 there, as libtorch's own sigmoid gives, and no NaN arises for any
    // non-NaN input.
    internal static Tensor Sigmoid(Tensor x, double scale = 1.0)
    {
        var t = scale == 1.0 ? x.neg() : x.mul(Scalars.Of(-scale));
        t.exp_();
        t.add_(Scalars.Of(1.0), Scalars.One);
        t.pow_(Scalars.Of(-1.0));
        return t;
    }

    // σ(β·x) for a learnable β (a one-element tensor) as a new tensor.
    internal static Tensor Sigmoid(Tensor x, Tensor beta)
    {
        var t = x.mul(beta);
        t.neg_();
        t.exp_();
        t.add_(Scalars.Of(1.0), Scalars.One);
        t.pow_(Scalars.Of(-1.0));
        return t;
    }

    // log(1 + e^(−|z|)) as a new tensor: the part of softplus that never overflows.
    internal static Tensor Log1pExpNegAbs(Tensor z)
    {
        var t = z.abs();
        t.neg_();
        t.exp_();
        return t.log1p_();
    }

    // 1 where x > 0, else 0 (also for NaN), in x's dtype, as a new tensor.
    internal static Tensor PositiveIndicator(Tensor x)
    {
        var h = x.sign();
        return h.clamp_min_(Scalars.Of(0.0));
    }

    // t ← t·(1 − s) in place, as t − t·s (one pass).
    internal static Tensor TimesOneMinusInPlace(Tensor t, Tensor s) => t.addcmul_(t, s, Scalars.Of(-1.0));
}
