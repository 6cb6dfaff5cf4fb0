using TorchBinding.Interop;
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    // Element-wise arithmetic, activations, comparisons, fills and random fills.
    public partial class Tensor
    {
        public Tensor abs() => new(Native.tensor_abs(Handle));
        public Tensor abs_() => InPlace(Native.tensor_abs_(Handle));
        public Tensor exp() => new(Native.tensor_exp(Handle));
        public Tensor exp_() => InPlace(Native.tensor_exp_(Handle));
        public Tensor log() => new(Native.tensor_log(Handle));
        public Tensor log_() => InPlace(Native.tensor_log_(Handle));
        public Tensor sqrt() => new(Native.tensor_sqrt(Handle));
        public Tensor sqrt_() => InPlace(Native.tensor_sqrt_(Handle));
        public Tensor tanh() => new(Native.tensor_tanh(Handle));
        public Tensor tanh_() => InPlace(Native.tensor_tanh_(Handle));
        public Tensor sigmoid() => new(Native.tensor_sigmoid(Handle));
        public Tensor sigmoid_() => InPlace(Native.tensor_sigmoid_(Handle));
        public Tensor relu() => new(Native.tensor_relu(Handle));
        public Tensor relu_() => InPlace(Native.tensor_relu_(Handle));
        public Tensor neg() => new(Native.tensor_neg(Handle));
        public Tensor neg_() => InPlace(Native.tensor_neg_(Handle));
        public Tensor square() => new(Native.tensor_square(Handle));
        public Tensor rsqrt() => new(Native.tensor_rsqrt(Handle));
        public Tensor reciprocal() => new(Native.tensor_reciprocal(Handle));
        public Tensor sign() => new(Native.tensor_sign(Handle));
        public Tensor floor() => new(Native.tensor_floor(Handle));
        public Tensor ceil() => new(Native.tensor_ceil(Handle));
        public Tensor trunc() => new(Native.tensor_trunc(Handle));
        public Tensor frac() => new(Native.tensor_frac(Handle));
        public Tensor log_sigmoid() => new(Native.tensor_log_sigmoid(Handle));
        public Tensor log1p() => new(Native.tensor_log1p(Handle));
        public Tensor log1p_() => InPlace(Native.tensor_log1p_(Handle));
        public Tensor log2() => new(Native.tensor_log2(Handle));
        public Tensor log10() => new(Native.tensor_log10(Handle));
        public Tensor expm1() => new(Native.tensor_expm1(Handle));
        public Tensor expm1_() => InPlace(Native.tensor_expm1_(Handle));
        public Tensor erf() => new(Native.tensor_erf(Handle));
        public Tensor erf_() => InPlace(Native.tensor_erf_(Handle));
        public Tensor cos() => new(Native.tensor_cos(Handle));
        public Tensor sin() => new(Native.tensor_sin(Handle));
        public Tensor isnan() => new(Native.tensor_isnan(Handle));
        public Tensor isinf() => new(Native.tensor_isinf(Handle));
        public Tensor isfinite() => new(Native.tensor_isfinite(Handle));
        public Tensor logical_not() => new(Native.tensor_logical_not(Handle));
        public Tensor round(long decimals = 0) => new(Native.tensor_round(Handle, decimals));

        // activations with a built-in kernel
        public Tensor gelu() => new(Native.tensor_gelu(Handle, 0));
        public Tensor gelu_() => InPlace(Native.tensor_gelu_(Handle, 0));
        public Tensor gelu(GELU.Approximate approximate) => new(Native.tensor_gelu(Handle, Flag(approximate == GELU.Approximate.tanh)));
        public Tensor selu() => new(Native.tensor_selu(Handle));
        public Tensor selu_() => InPlace(Native.tensor_selu_(Handle));
        public Tensor silu() => new(Native.tensor_silu(Handle));
        public Tensor silu_() => InPlace(Native.tensor_silu_(Handle));
        public Tensor elu(double alpha = 1) => elu(alpha, 1.0, 1.0);

        public Tensor elu(Scalar alpha, Scalar scale, Scalar input_scale) =>
            new(Native.tensor_elu(Handle, alpha.Bits, alpha.Kind, scale.Bits, scale.Kind, input_scale.Bits, input_scale.Kind, 0));

        public Tensor elu_(double alpha = 1)
        {
            Scalar a = alpha, one = 1.0;
            return InPlace(Native.tensor_elu(Handle, a.Bits, a.Kind, one.Bits, one.Kind, one.Bits, one.Kind, 1));
        }

        public Tensor leaky_relu(Scalar negative_slope) => new(Native.tensor_leaky_relu(Handle, negative_slope.Bits, negative_slope.Kind, 0));
        public Tensor leaky_relu_(Scalar negative_slope) => InPlace(Native.tensor_leaky_relu(Handle, negative_slope.Bits, negative_slope.Kind, 1));
        public Tensor softplus(double beta = 1, double threshold = 20) => new(Native.tensor_softplus(Handle, beta, threshold));
        public Tensor softmax(long dim, ScalarType? dtype = null) => new(Native.tensor_softmax(Handle, dim, DType(dtype)));
        public Tensor log_softmax(long dim, ScalarType? dtype = null) => new(Native.tensor_log_softmax(Handle, dim, DType(dtype)));

        // arithmetic
        public Tensor add(Tensor target) => add(target, 1);
        public Tensor add(Tensor target, Scalar alpha) => new(Native.tensor_add(Handle, target.Handle, alpha.Bits, alpha.Kind));
        public Tensor add(Scalar scalar) => add(scalar, 1);
        public Tensor add(Scalar scalar, Scalar alpha) => new(Native.tensor_add_scalar(Handle, scalar.Bits, scalar.Kind, alpha.Bits, alpha.Kind));
        public Tensor add_(Tensor target) => add_(target, 1);
        public Tensor add_(Tensor target, Scalar alpha) => InPlace(Native.tensor_add_(Handle, target.Handle, alpha.Bits, alpha.Kind));
        public Tensor add_(Scalar scalar) => add_(scalar, 1);
        public Tensor add_(Scalar scalar, Scalar alpha) => InPlace(Native.tensor_add_scalar_(Handle, scalar.Bits, scalar.Kind, alpha.Bits, alpha.Kind));

        public Tensor sub(Tensor target) => new(Native.tensor_sub(Handle, target.Handle, 1, Scalar.IntegerKind));
        public Tensor sub(Scalar target) => new(Native.tensor_sub_scalar(Handle, target.Bits, target.Kind, 1, Scalar.IntegerKind));
        public Tensor sub_(Tensor target) => InPlace(Native.tensor_sub_(Handle, target.Handle, 1, Scalar.IntegerKind));
        public Tensor sub_(Scalar target) => InPlace(Native.tensor_sub_scalar_(Handle, target.Bits, target.Kind, 1, Scalar.IntegerKind));

        public Tensor mul(Tensor target) => new(Native.tensor_mul(Handle, target.Handle));
        public Tensor mul(Scalar target) => new(Native.tensor_mul_scalar(Handle, target.Bits, target.Kind));
        public Tensor mul_(Tensor target) => InPlace(Native.tensor_mul_(Handle, target.Handle));
        public Tensor mul_(Scalar target) => InPlace(Native.tensor_mul__scalar(Handle, target.Bits, target.Kind));

        public Tensor div(Tensor target, RoundingMode rounding_mode = RoundingMode.None) =>
            new(Native.tensor_div(Handle, target.Handle, (sbyte)rounding_mode));
        public Tensor div(Scalar target, RoundingMode rounding_mode = RoundingMode.None) =>
            new(Native.tensor_div_scalar(Handle, target.Bits, target.Kind, (sbyte)rounding_mode));
        public Tensor div_(Tensor target, RoundingMode rounding_mode = RoundingMode.None) =>
            InPlace(Native.tensor_div_(Handle, target.Handle, (sbyte)rounding_mode));
        public Tensor div_(Scalar target, RoundingMode rounding_mode = RoundingMode.None) =>
            InPlace(Native.tensor_div_scalar_(Handle, target.Bits, target.Kind, (sbyte)rounding_mode));

        public Tensor pow(Scalar exponent) => new(Native.tensor_pow_scalar(Handle, exponent.Bits, exponent.Kind));
        public Tensor pow(Tensor exponent) => new(Native.tensor_pow(Handle, exponent.Handle));
        public Tensor pow_(Scalar exponent) => InPlace(Native.tensor_pow__scalar(Handle, exponent.Bits, exponent.Kind));
        public Tensor pow_(Tensor exponent) => InPlace(Native.tensor_pow_(Handle, exponent.Handle));

        public Tensor remainder(Tensor target) => new(Native.tensor_remainder(Handle, target.Handle));
        public Tensor remainder(Scalar scalar) => new(Native.tensor_remainder_scalar(Handle, scalar.Bits, scalar.Kind));
        public Tensor remainder_(Tensor target) => InPlace(Native.tensor_remainder_(Handle, target.Handle));
        public Tensor remainder_(Scalar scalar) => InPlace(Native.tensor_remainder__scalar(Handle, scalar.Bits, scalar.Kind));
        public Tensor fmod(Tensor target) => new(Native.tensor_fmod(Handle, target.Handle));
        public Tensor fmod(Scalar scalar) => new(Native.tensor_fmod_scalar(Handle, scalar.Bits, scalar.Kind));

        public Tensor addcmul(Tensor tensor1, Tensor tensor2, Scalar value) =>
            new(Native.tensor_addcmul(Handle, tensor1.Handle, tensor2.Handle, value.Bits, value.Kind, 0));
        public Tensor addcmul_(Tensor tensor1, Tensor tensor2, Scalar value) =>
            InPlace(Native.tensor_addcmul(Handle, tensor1.Handle, tensor2.Handle, value.Bits, value.Kind, 1));
        public Tensor addcdiv(Tensor tensor1, Tensor tensor2, Scalar value) =>
            new(Native.tensor_addcdiv(Handle, tensor1.Handle, tensor2.Handle, value.Bits, value.Kind, 0));
        public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, Scalar value) =>
            InPlace(Native.tensor_addcdiv(Handle, tensor1.Handle, tensor2.Handle, value.Bits, value.Kind, 1));
        public Tensor lerp(Tensor end, Tensor weight) => new(Native.tensor_lerp_tensor(Handle, end.Handle, weight.Handle, 0));
        public Tensor lerp_(Tensor end, Tensor weight) => InPlace(Native.tensor_lerp_tensor(Handle, end.Handle, weight.Handle, 1));
        // TorchSharp has no Scalar-weight overload; kept for the binding's own use (and its tests).
        internal Tensor lerp(Tensor end, Scalar weight) => new(Native.tensor_lerp(Handle, end.Handle, weight.Bits, weight.Kind, 0));
        internal Tensor lerp_(Tensor end, Scalar weight) => InPlace(Native.tensor_lerp(Handle, end.Handle, weight.Bits, weight.Kind, 1));

        public Tensor maximum(Tensor other) => new(Native.tensor_maximum(Handle, other.Handle));
        public Tensor minimum(Tensor other) => new(Native.tensor_minimum(Handle, other.Handle));
        public Tensor matmul(Tensor target) => new(Native.tensor_matmul(Handle, target.Handle));
        public Tensor mm(Tensor target) => new(Native.tensor_mm(Handle, target.Handle));

        public Tensor clamp(Scalar? min = null, Scalar? max = null) => Clamp(min, max, false);
        public Tensor clamp_(Scalar? min = null, Scalar? max = null) => InPlace(ClampHandle(min, max, true));
        public Tensor clamp(Tensor? min = null, Tensor? max = null) =>
            new(Native.tensor_clamp_tensor(Handle, min?.Handle ?? IntPtr.Zero, max?.Handle ?? IntPtr.Zero, 0));
        public Tensor clamp_(Tensor? min = null, Tensor? max = null) =>
            InPlace(Native.tensor_clamp_tensor(Handle, min?.Handle ?? IntPtr.Zero, max?.Handle ?? IntPtr.Zero, 1));
        public Tensor clamp_min(Scalar min) => Clamp(min, null, false);
        public Tensor clamp_max(Scalar max) => Clamp(null, max, false);
        public Tensor clamp_min_(Scalar min) => InPlace(ClampHandle(min, null, true));
        public Tensor clamp_max_(Scalar max) => InPlace(ClampHandle(null, max, true));

        private Tensor Clamp(Scalar? min, Scalar? max, bool inplace) => new(ClampHandle(min, max, inplace));

        private IntPtr ClampHandle(Scalar? min, Scalar? max, bool inplace) =>
            Native.tensor_clamp(Handle, Flag(min is not null), min?.Bits ?? 0, min?.Kind ?? 0,
                Flag(max is not null), max?.Bits ?? 0, max?.Kind ?? 0, Flag(inplace));

        public Tensor where(Tensor condition, Tensor y) => new(Native.tensor_where(condition.Handle, Handle, y.Handle));

        public Tensor masked_fill(Tensor mask, Scalar value) => new(Native.tensor_masked_fill(Handle, mask.Handle, value.Bits, value.Kind, 0));
        public Tensor masked_fill_(Tensor mask, Scalar value) => InPlace(Native.tensor_masked_fill(Handle, mask.Handle, value.Bits, value.Kind, 1));

        // comparisons
        public Tensor eq(Tensor target) => new(Native.tensor_eq(Handle, target.Handle));
        public Tensor eq(Scalar target) => new(Native.tensor_eq_scalar(Handle, target.Bits, target.Kind));
        public Tensor eq_(Tensor target) => InPlace(Native.tensor_eq_(Handle, target.Handle));
        public Tensor eq_(Scalar target) => InPlace(Native.tensor_eq__scalar(Handle, target.Bits, target.Kind));
        public Tensor ne(Tensor target) => new(Native.tensor_ne(Handle, target.Handle));
        public Tensor ne(Scalar target) => new(Native.tensor_ne_scalar(Handle, target.Bits, target.Kind));
        public Tensor ne_(Tensor target) => InPlace(Native.tensor_ne_(Handle, target.Handle));
        public Tensor ne_(Scalar target) => InPlace(Native.tensor_ne__scalar(Handle, target.Bits, target.Kind));
        public Tensor gt(Tensor target) => new(Native.tensor_gt(Handle, target.Handle));
        public Tensor gt(Scalar target) => new(Native.tensor_gt_scalar(Handle, target.Bits, target.Kind));
        public Tensor gt_(Tensor target) => InPlace(Native.tensor_gt_(Handle, target.Handle));
        public Tensor gt_(Scalar target) => InPlace(Native.tensor_gt__scalar(Handle, target.Bits, target.Kind));
        public Tensor ge(Tensor target) => new(Native.tensor_ge(Handle, target.Handle));
        public Tensor ge(Scalar target) => new(Native.tensor_ge_scalar(Handle, target.Bits, target.Kind));
        public Tensor ge_(Tensor target) => InPlace(Native.tensor_ge_(Handle, target.Handle));
        public Tensor ge_(Scalar target) => InPlace(Native.tensor_ge__scalar(Handle, target.Bits, target.Kind));
        public Tensor lt(Tensor target) => new(Native.tensor_lt(Handle, target.Handle));
        public Tensor lt(Scalar target) => new(Native.tensor_lt_scalar(Handle, target.Bits, target.Kind));
        public Tensor lt_(Tensor target) => InPlace(Native.tensor_lt_(Handle, target.Handle));
        public Tensor lt_(Scalar target) => InPlace(Native.tensor_lt__scalar(Handle, target.Bits, target.Kind));
        public Tensor le(Tensor target) => new(Native.tensor_le(Handle, target.Handle));
        public Tensor le(Scalar target) => new(Native.tensor_le_scalar(Handle, target.Bits, target.Kind));
        public Tensor le_(Tensor target) => InPlace(Native.tensor_le_(Handle, target.Handle));
        public Tensor le_(Scalar target) => InPlace(Native.tensor_le__scalar(Handle, target.Bits, target.Kind));
        public Tensor greater(Tensor target) => gt(target);
        public Tensor less(Tensor target) => lt(target);
        public Tensor not_equal(Tensor target) => ne(target);
        public Tensor greater_equal(Tensor target) => ge(target);
        public Tensor less_equal(Tensor target) => le(target);

        // fills and random fills, in place
        public Tensor zero_() => InPlace(Native.tensor_zero_(Handle));
        public Tensor fill_(Scalar value) => InPlace(Native.tensor_fill_(Handle, value.Bits, value.Kind));
        public Tensor normal_(double mean = 0.0, double std = 1.0, Generator? generator = null) =>
            InPlace(Native.tensor_normal_(Handle, mean, std, Generator.HandleOf(generator)));
        public Tensor uniform_(double from, double to, Generator? generator = null) =>
            InPlace(Native.tensor_uniform_(Handle, from, to, Generator.HandleOf(generator)));
        public Tensor bernoulli_(double p = 0.5, Generator? generator = null) =>
            InPlace(Native.tensor_bernoulli_(Handle, p, Generator.HandleOf(generator)));
        public Tensor bernoulli_(Tensor p, Generator? generator = null) =>
            InPlace(Native.tensor_bernoulli_tensor_(Handle, p.Handle, Generator.HandleOf(generator)));
        public Tensor bernoulli(Generator? generator = null) => new(Native.tensor_bernoulli(Handle, Generator.HandleOf(generator)));

        public Tensor zeros_like(ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(Native.tensor_zeros_like, dtype, device, requires_grad);
        public Tensor ones_like(ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(Native.tensor_ones_like, dtype, device, requires_grad);
        public Tensor empty_like(ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(Native.tensor_empty_like, dtype, device, requires_grad);
        public Tensor rand_like(ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(Native.tensor_rand_like, dtype, device, requires_grad);
        public Tensor randn_like(ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(Native.tensor_randn_like, dtype, device, requires_grad);

        internal Tensor Like(Func<IntPtr, sbyte, sbyte, int, byte, IntPtr> factory, ScalarType? dtype, Device? device, bool requiresGrad) =>
            new(factory(Handle, (sbyte)(dtype ?? this.dtype), (sbyte)(device?.type ?? device_type), device?.index ?? device_index, Flag(requiresGrad)));

        // -1 tells the shim "no dtype given".
        internal static sbyte DType(ScalarType? dtype) => dtype.HasValue ? (sbyte)dtype.Value : (sbyte)-1;
    }

    public enum RoundingMode
    {
        None = 0,
        trunc = 1,
        floor = 2,
    }
}
