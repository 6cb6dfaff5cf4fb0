using System.Runtime.InteropServices;

namespace TorchBinding.Interop;

// P/Invoke declarations of the shim (native/*.cpp), one partial file per native area. Conventions (see
// native/shim.h): handles are IntPtr; a null handle or a 0 status means failure and the message waits in
// torch_take_error (Check turns it into an exception); flags are bytes; a Scalar is (bits, kind).
internal static unsafe partial class Native
{
    internal const string Library = "torchbinding";

    [DllImport(Library)] internal static extern IntPtr torch_take_error();
    [DllImport(Library)] internal static extern int torch_set_num_threads(int n);
    [DllImport(Library)] internal static extern int torch_get_num_threads(out int n);
    [DllImport(Library)] internal static extern int torch_cuda_is_available(out byte available);
    [DllImport(Library)] internal static extern int torch_cuda_device_count(out int count);
    [DllImport(Library)] internal static extern int torch_manual_seed(long seed);
    [DllImport(Library)] internal static extern int torch_initial_seed(out long seed);
    [DllImport(Library)] internal static extern int torch_is_grad_enabled(out byte enabled);
    [DllImport(Library)] internal static extern int torch_set_grad_enabled(byte enabled);

    // lifetime and metadata
    [DllImport(Library)] internal static extern void tensor_dispose(IntPtr t);
    [DllImport(Library)] internal static extern int tensor_ndim(IntPtr t, out long ndim);
    [DllImport(Library)] internal static extern int tensor_shape(IntPtr t, long* shape);
    [DllImport(Library)] internal static extern int tensor_numel(IntPtr t, out long numel);
    [DllImport(Library)] internal static extern int tensor_dtype(IntPtr t, out sbyte dtype);
    [DllImport(Library)] internal static extern int tensor_device(IntPtr t, out sbyte type, out int index);
    [DllImport(Library)] internal static extern int tensor_is_contiguous(IntPtr t, out byte value);
    [DllImport(Library)] internal static extern int tensor_requires_grad(IntPtr t, out byte value);
    [DllImport(Library)] internal static extern int tensor_set_requires_grad(IntPtr t, byte value);
    [DllImport(Library)] internal static extern int tensor_is_leaf(IntPtr t, out byte value);
    [DllImport(Library)] internal static extern int tensor_retain_grad(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_grad(IntPtr t);
    [DllImport(Library)] internal static extern int tensor_set_grad(IntPtr t, IntPtr grad);
    [DllImport(Library)] internal static extern int tensor_backward(IntPtr t, IntPtr* grads, long nGrads, byte retainGraph, byte createGraph, IntPtr* inputs, long nInputs);
    [DllImport(Library)] internal static extern int tensor_data_ptr(IntPtr t, out IntPtr data);
    [DllImport(Library)] internal static extern int tensor_element_size(IntPtr t, out long size);
    [DllImport(Library)] internal static extern int tensor_equal(IntPtr a, IntPtr b, out byte equal);
    [DllImport(Library)] internal static extern int tensor_allclose(IntPtr a, IntPtr b, double rtol, double atol, byte equalNan, out byte close);
    [DllImport(Library)] internal static extern int tensor_item(IntPtr t, out double asDouble, out long asLong);
    [DllImport(Library)] internal static extern int tensor_to_string(IntPtr t, byte* buffer, long capacity, out long length);

    // factories
    [DllImport(Library)] internal static extern IntPtr tensor_from_data(void* data, long* shape, long ndim, sbyte sourceDtype, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_zeros(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_ones(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_empty(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_rand(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_randn(long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_full(long* shape, long ndim, long valueBits, sbyte valueKind, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_randint(long low, long high, long* shape, long ndim, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_randperm(long n, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_arange(long startBits, sbyte startKind, long endBits, sbyte endKind, long stepBits, sbyte stepKind, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_linspace(double start, double end, long steps, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_eye(long rows, long columns, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_zeros_like(IntPtr t, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_ones_like(IntPtr t, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_empty_like(IntPtr t, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_rand_like(IntPtr t, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_randn_like(IntPtr t, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);
    [DllImport(Library)] internal static extern IntPtr tensor_full_like(IntPtr t, long valueBits, sbyte valueKind, sbyte dtype, sbyte deviceType, int deviceIndex, byte requiresGrad);

    // conversion and copies
    [DllImport(Library)] internal static extern IntPtr tensor_to(IntPtr t, sbyte dtype, sbyte deviceType, int deviceIndex, byte nonBlocking, byte copy);
    [DllImport(Library)] internal static extern IntPtr tensor_clone(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_contiguous(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_detach(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_detach_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_copy_(IntPtr t, IntPtr source, byte nonBlocking);
    [DllImport(Library)] internal static extern IntPtr tensor_alias(IntPtr t);

    // element-wise, one argument
    [DllImport(Library)] internal static extern IntPtr tensor_abs(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_abs_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_exp(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_exp_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_sqrt(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_sqrt_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_tanh(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_tanh_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_sigmoid(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_sigmoid_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_relu(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_relu_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_neg(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_neg_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_square(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_rsqrt(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_reciprocal(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_sign(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_floor(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_ceil(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log_sigmoid(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log1p(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log1p_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_expm1(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_expm1_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_erf(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_erf_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_cos(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_sin(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_isnan(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_isinf(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_isfinite(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_logical_not(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_bitwise_not(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_zero_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log2(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_log10(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_trunc(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_frac(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_selu(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_selu_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_silu(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_silu_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_mish(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_mish_(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_gelu(IntPtr t, byte tanhApproximation);
    [DllImport(Library)] internal static extern IntPtr tensor_gelu_(IntPtr t, byte tanhApproximation);
    [DllImport(Library)] internal static extern IntPtr tensor_elu(IntPtr t, long alphaBits, sbyte alphaKind, long scaleBits, sbyte scaleKind, long inputScaleBits, sbyte inputScaleKind, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_leaky_relu(IntPtr t, long slopeBits, sbyte slopeKind, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_softplus(IntPtr t, double beta, double threshold);
    [DllImport(Library)] internal static extern IntPtr tensor_prelu(IntPtr t, IntPtr weight);
    [DllImport(Library)] internal static extern IntPtr tensor_round(IntPtr t, long decimals);

    // element-wise, two arguments: (tensor, tensor) and (tensor, scalar)
    [DllImport(Library)] internal static extern IntPtr tensor_mul(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_mul_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_mul_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_mul__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_pow(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_pow_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_pow_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_pow__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_remainder(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_remainder_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_remainder_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_remainder__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_fmod(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_fmod_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_eq(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_eq_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_eq_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_eq__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_ne(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_ne_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_ne_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_ne__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_gt(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_gt_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_gt_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_gt__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_ge(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_ge_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_ge_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_ge__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_lt(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_lt_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_lt_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_lt__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_le(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_le_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_le_(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_le__scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_bitwise_and(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_bitwise_or(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_bitwise_xor(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_add(IntPtr a, IntPtr b, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_add_(IntPtr a, IntPtr b, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_add_scalar(IntPtr a, long bits, sbyte kind, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_add_scalar_(IntPtr a, long bits, sbyte kind, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_sub(IntPtr a, IntPtr b, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_sub_(IntPtr a, IntPtr b, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_sub_scalar(IntPtr a, long bits, sbyte kind, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_sub_scalar_(IntPtr a, long bits, sbyte kind, long alphaBits, sbyte alphaKind);
    [DllImport(Library)] internal static extern IntPtr tensor_rsub_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_rdiv_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_rpow_scalar(IntPtr a, long bits, sbyte kind);
    [DllImport(Library)] internal static extern IntPtr tensor_div(IntPtr a, IntPtr b, sbyte roundingMode);
    [DllImport(Library)] internal static extern IntPtr tensor_div_(IntPtr a, IntPtr b, sbyte roundingMode);
    [DllImport(Library)] internal static extern IntPtr tensor_div_scalar(IntPtr a, long bits, sbyte kind, sbyte roundingMode);
    [DllImport(Library)] internal static extern IntPtr tensor_div_scalar_(IntPtr a, long bits, sbyte kind, sbyte roundingMode);
    [DllImport(Library)] internal static extern IntPtr tensor_addcmul(IntPtr t, IntPtr a, IntPtr b, long valueBits, sbyte valueKind, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_addcdiv(IntPtr t, IntPtr a, IntPtr b, long valueBits, sbyte valueKind, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_lerp(IntPtr t, IntPtr end, long weightBits, sbyte weightKind, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_lerp_tensor(IntPtr t, IntPtr end, IntPtr weight, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_maximum(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_minimum(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_matmul(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_mm(IntPtr a, IntPtr b);
    [DllImport(Library)] internal static extern IntPtr tensor_clamp(IntPtr t, byte hasMin, long minBits, sbyte minKind, byte hasMax, long maxBits, sbyte maxKind, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_clamp_tensor(IntPtr t, IntPtr min, IntPtr max, byte inplace);
    [DllImport(Library)] internal static extern IntPtr tensor_where(IntPtr condition, IntPtr x, IntPtr y);
    [DllImport(Library)] internal static extern IntPtr tensor_where_scalar(IntPtr condition, IntPtr x, long yBits, sbyte yKind);
    [DllImport(Library)] internal static extern int tensor_nonzero_numpy(IntPtr condition, IntPtr* result);
    [DllImport(Library)] internal static extern IntPtr tensor_masked_fill(IntPtr t, IntPtr mask, long valueBits, sbyte valueKind, byte inplace);

    // fill, random and generators
    [DllImport(Library)] internal static extern IntPtr tensor_fill_(IntPtr t, long valueBits, sbyte valueKind);
    [DllImport(Library)] internal static extern IntPtr tensor_normal_(IntPtr t, double mean, double std, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_uniform_(IntPtr t, double from, double to, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_bernoulli_(IntPtr t, double p, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_bernoulli_tensor_(IntPtr t, IntPtr p, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr tensor_bernoulli(IntPtr t, IntPtr generator);
    [DllImport(Library)] internal static extern IntPtr generator_new(long seed);
    [DllImport(Library)] internal static extern IntPtr generator_default();
    [DllImport(Library)] internal static extern void generator_dispose(IntPtr g);
    [DllImport(Library)] internal static extern int generator_manual_seed(IntPtr g, long seed);
    [DllImport(Library)] internal static extern int generator_initial_seed(IntPtr g, out long seed);
    [DllImport(Library)] internal static extern int generator_seed(IntPtr g, out long seed);
    [DllImport(Library)] internal static extern IntPtr generator_get_state(IntPtr g);
    [DllImport(Library)] internal static extern int generator_set_state(IntPtr g, IntPtr state);

    // reductions
    [DllImport(Library)] internal static extern IntPtr tensor_sum(IntPtr t, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_sum_dims(IntPtr t, long* dims, long n, byte keepdim, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_mean(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_mean_dims(IntPtr t, long* dims, long n, byte keepdim, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_prod(IntPtr t, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_prod_dim(IntPtr t, long dim, byte keepdim, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_var(IntPtr t, long* dims, long n, long correction, byte keepdim);
    [DllImport(Library)] internal static extern IntPtr tensor_std(IntPtr t, long* dims, long n, long correction, byte keepdim);
    [DllImport(Library)] internal static extern IntPtr tensor_max(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_min(IntPtr t);
    [DllImport(Library)] internal static extern int tensor_max_dim(IntPtr t, long dim, byte keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int tensor_min_dim(IntPtr t, long dim, byte keepdim, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern IntPtr tensor_argmax(IntPtr t, byte hasDim, long dim, byte keepdim);
    [DllImport(Library)] internal static extern IntPtr tensor_argmin(IntPtr t, byte hasDim, long dim, byte keepdim);
    [DllImport(Library)] internal static extern int tensor_topk(IntPtr t, long k, long dim, byte largest, byte sorted, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern int tensor_sort(IntPtr t, long dim, byte descending, byte stable, out IntPtr values, out IntPtr indices);
    [DllImport(Library)] internal static extern IntPtr tensor_argsort(IntPtr t, long dim, byte descending);
    [DllImport(Library)] internal static extern IntPtr tensor_norm(IntPtr t, double p);
    [DllImport(Library)] internal static extern IntPtr tensor_cumsum(IntPtr t, long dim);
    [DllImport(Library)] internal static extern IntPtr tensor_softmax(IntPtr t, long dim, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_log_softmax(IntPtr t, long dim, sbyte dtype);
    [DllImport(Library)] internal static extern IntPtr tensor_logsumexp(IntPtr t, long dim, byte keepdim);

    // shape
    [DllImport(Library)] internal static extern IntPtr tensor_reshape(IntPtr t, long* shape, long n);
    [DllImport(Library)] internal static extern IntPtr tensor_view(IntPtr t, long* shape, long n);
    [DllImport(Library)] internal static extern IntPtr tensor_flatten(IntPtr t, long start, long end);
    [DllImport(Library)] internal static extern IntPtr tensor_unflatten(IntPtr t, long dim, long* sizes, long n);
    [DllImport(Library)] internal static extern IntPtr tensor_unsqueeze(IntPtr t, long dim);
    [DllImport(Library)] internal static extern IntPtr tensor_squeeze(IntPtr t, byte hasDim, long dim);
    [DllImport(Library)] internal static extern IntPtr tensor_permute(IntPtr t, long* dims, long n);
    [DllImport(Library)] internal static extern IntPtr tensor_transpose(IntPtr t, long dim0, long dim1);
    [DllImport(Library)] internal static extern IntPtr tensor_t(IntPtr t);
    [DllImport(Library)] internal static extern IntPtr tensor_expand(IntPtr t, long* sizes, long n);
    [DllImport(Library)] internal static extern IntPtr tensor_repeat(IntPtr t, long* sizes, long n);
    [DllImport(Library)] internal static extern IntPtr tensor_index_select(IntPtr t, long dim, IntPtr index);
    [DllImport(Library)] internal static extern IntPtr tensor_select(IntPtr t, long dim, long index);
    [DllImport(Library)] internal static extern IntPtr tensor_narrow(IntPtr t, long dim, long start, long length);
    [DllImport(Library)] internal static extern IntPtr tensor_gather(IntPtr t, long dim, IntPtr index);
    [DllImport(Library)] internal static extern IntPtr tensor_one_hot(IntPtr t, long numClasses);
    [DllImport(Library)] internal static extern int tensor_chunk(IntPtr t, long chunks, long dim, IntPtr* result, out long count);
    [DllImport(Library)] internal static extern int tensor_split(IntPtr t, long size, long dim, IntPtr* result, out long count);
    [DllImport(Library)] internal static extern int tensor_split_sizes(IntPtr t, long* sizes, long n, long dim, IntPtr* result);
    [DllImport(Library)] internal static extern IntPtr tensor_cat(IntPtr* tensors, long n, long dim);
    [DllImport(Library)] internal static extern IntPtr tensor_stack(IntPtr* tensors, long n, long dim);

    // indexing
    [DllImport(Library)] internal static extern IntPtr tensor_index(IntPtr t, sbyte* kinds, long* starts, long* stops, long* steps, IntPtr* tensors, long n);
    [DllImport(Library)] internal static extern int tensor_index_put(IntPtr t, sbyte* kinds, long* starts, long* stops, long* steps, IntPtr* tensors, long n, IntPtr value);
    [DllImport(Library)] internal static extern int tensor_index_put_scalar(IntPtr t, sbyte* kinds, long* starts, long* stops, long* steps, IntPtr* tensors, long n, long valueBits, sbyte valueKind);

    // nn.functional
    [DllImport(Library)] internal static extern IntPtr nn_conv2d(IntPtr input, IntPtr weight, IntPtr bias, long* stride, long* padding, long* dilation, long groups);
    [DllImport(Library)] internal static extern IntPtr nn_conv2d_padding(IntPtr input, IntPtr weight, IntPtr bias, long* stride, byte same, long* dilation, long groups);
    [DllImport(Library)] internal static extern IntPtr nn_linear(IntPtr input, IntPtr weight, IntPtr bias);
    [DllImport(Library)] internal static extern IntPtr nn_max_pool2d(IntPtr input, long* kernel, long* stride, long* padding, long* dilation, byte ceilMode);
    [DllImport(Library)] internal static extern IntPtr nn_dropout(IntPtr input, double p, byte training, byte inplace);
    [DllImport(Library)] internal static extern IntPtr nn_alpha_dropout(IntPtr input, double p, byte training, byte inplace);
    [DllImport(Library)] internal static extern IntPtr nn_feature_alpha_dropout(IntPtr input, double p, byte training, byte inplace);
    [DllImport(Library)] internal static extern IntPtr nn_nll_loss(IntPtr input, IntPtr target, IntPtr weight, long reduction, long ignoreIndex);
    [DllImport(Library)] internal static extern IntPtr nn_cross_entropy(IntPtr input, IntPtr target, IntPtr weight, long reduction, long ignoreIndex, double labelSmoothing);
    [DllImport(Library)] internal static extern IntPtr nn_mse_loss(IntPtr input, IntPtr target, long reduction);
    [DllImport(Library)] internal static extern IntPtr nn_binary_cross_entropy(IntPtr input, IntPtr target, IntPtr weight, long reduction);
    [DllImport(Library)] internal static extern IntPtr nn_binary_cross_entropy_with_logits(IntPtr input, IntPtr target, IntPtr weight, IntPtr posWeight, long reduction);

    // autograd
    [DllImport(Library)] internal static extern int autograd_grad(IntPtr* outputs, long nOutputs, IntPtr* inputs, long nInputs, IntPtr* gradOutputs, long nGradOutputs, byte retainGraph, byte createGraph, byte allowUnused, IntPtr* result);
    [DllImport(Library)] internal static extern void autograd_set_callbacks(
        delegate* unmanaged<long, IntPtr, IntPtr*, long, IntPtr*, long, long*, int> forward,
        delegate* unmanaged<long, IntPtr, IntPtr*, long, IntPtr*, long, int> backward,
        delegate* unmanaged<long, void> release);
    [DllImport(Library)] internal static extern void autograd_callback_failed(byte* message);
    [DllImport(Library)] internal static extern int autograd_function_apply(long id, IntPtr* inputs, long nInputs, IntPtr* outputs, long capacity, out long nOutputs);
    [DllImport(Library)] internal static extern int autograd_ctx_save_for_backward(IntPtr ctx, IntPtr* tensors, long n);
    [DllImport(Library)] internal static extern int autograd_ctx_saved_count(IntPtr ctx, out long count);
    [DllImport(Library)] internal static extern int autograd_ctx_get_saved(IntPtr ctx, IntPtr* result);
    [DllImport(Library)] internal static extern int autograd_ctx_mark_dirty(IntPtr ctx, IntPtr* tensors, long n);
    [DllImport(Library)] internal static extern int autograd_ctx_mark_non_differentiable(IntPtr ctx, IntPtr* tensors, long n);
    [DllImport(Library)] internal static extern int autograd_ctx_set_materialize_grads(IntPtr ctx, byte value);
}
