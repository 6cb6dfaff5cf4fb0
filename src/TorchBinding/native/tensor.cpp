// Tensors: lifetime, metadata, factories, element-wise ops, reductions, shape and indexing.
#include "shim.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/autograd.h>

static thread_local std::string last_error;
static thread_local bool has_error = false;

void set_error(const char* message) {
  last_error = message;
  has_error = true;
}

// Returns the pending error message of this thread (null when none) and clears it. The pointer stays valid
// until the next failing call on this thread.
EXPORT const char* torch_take_error() {
  if (!has_error) return nullptr;
  has_error = false;
  return last_error.c_str();
}

EXPORT int32_t torch_set_num_threads(int32_t n) { TRY(at::set_num_threads(n); return 1;) }
EXPORT int32_t torch_get_num_threads(int32_t* out) { TRY(*out = at::get_num_threads(); return 1;) }
EXPORT int32_t torch_cuda_is_available(int8_t* out) { TRY(*out = at::hasCUDA(); return 1;) }
EXPORT int32_t torch_cuda_device_count(int32_t* out) {
  TRY(*out = at::hasCUDA() ? static_cast<int32_t>(at::detail::getCUDAHooks().getNumGPUs()) : 0; return 1;)
}
EXPORT int32_t torch_manual_seed(int64_t seed) { TRY(at::manual_seed(static_cast<uint64_t>(seed)); return 1;) }
EXPORT int32_t torch_initial_seed(int64_t* out) {
  TRY(*out = static_cast<int64_t>(at::detail::getDefaultCPUGenerator().current_seed()); return 1;)
}

// ---- grad mode -------------------------------------------------------------------------------------------
EXPORT int32_t torch_is_grad_enabled(int8_t* out) { TRY(*out = at::GradMode::is_enabled(); return 1;) }
EXPORT int32_t torch_set_grad_enabled(int8_t enabled) { TRY(at::GradMode::set_enabled(enabled != 0); return 1;) }

// ---- lifetime and metadata ------------------------------------------------------------------------------
EXPORT void tensor_dispose(Tensor t) { delete t; }

EXPORT int32_t tensor_ndim(Tensor t, int64_t* out) { TRY(*out = t->dim(); return 1;) }
EXPORT int32_t tensor_shape(Tensor t, int64_t* out) {
  TRY(auto sizes = t->sizes(); std::copy(sizes.begin(), sizes.end(), out); return 1;)
}
EXPORT int32_t tensor_numel(Tensor t, int64_t* out) { TRY(*out = t->numel(); return 1;) }
EXPORT int32_t tensor_dtype(Tensor t, int8_t* out) { TRY(*out = static_cast<int8_t>(t->scalar_type()); return 1;) }
EXPORT int32_t tensor_device(Tensor t, int8_t* type, int32_t* index) {
  TRY(*type = static_cast<int8_t>(t->device().type()); *index = t->device().index(); return 1;)
}
EXPORT int32_t tensor_is_contiguous(Tensor t, int8_t* out) { TRY(*out = t->is_contiguous(); return 1;) }
EXPORT int32_t tensor_requires_grad(Tensor t, int8_t* out) { TRY(*out = t->requires_grad(); return 1;) }
EXPORT int32_t tensor_set_requires_grad(Tensor t, int8_t value) { TRY(t->set_requires_grad(value != 0); return 1;) }
EXPORT int32_t tensor_is_leaf(Tensor t, int8_t* out) { TRY(*out = t->is_leaf(); return 1;) }
EXPORT int32_t tensor_retain_grad(Tensor t) { TRY(t->retain_grad(); return 1;) }
EXPORT Tensor tensor_grad(Tensor t) { TRY(return wrap_optional(t->grad());) }
EXPORT int32_t tensor_set_grad(Tensor t, Tensor grad) {
  TRY(t->mutable_grad() = grad ? *grad : at::Tensor(); return 1;)
}
EXPORT int32_t tensor_backward(Tensor t, const Tensor* grad_tensors, int64_t n_grads, int8_t retain_graph,
                               int8_t create_graph, const Tensor* inputs, int64_t n_inputs) {
  TRY(
    auto grads = tensor_list(grad_tensors, n_grads);
    auto in = tensor_list(inputs, n_inputs);
    torch::autograd::backward({*t}, grads, retain_graph ? c10::optional<bool>(true) : c10::nullopt,
                              create_graph != 0, in);
    return 1;
  )
}
EXPORT int32_t tensor_data_ptr(Tensor t, void** out) { TRY(*out = t->data_ptr(); return 1;) }
EXPORT int32_t tensor_element_size(Tensor t, int64_t* out) { TRY(*out = t->element_size(); return 1;) }
EXPORT int32_t tensor_equal(Tensor a, Tensor b, int8_t* out) { TRY(*out = a->equal(*b); return 1;) }
EXPORT int32_t tensor_allclose(Tensor a, Tensor b, double rtol, double atol, int8_t equal_nan, int8_t* out) {
  TRY(*out = a->allclose(*b, rtol, atol, equal_nan != 0); return 1;)
}
// The value of a one-element tensor, as double and as int64 (the managed side picks by dtype).
EXPORT int32_t tensor_item(Tensor t, double* as_double, int64_t* as_long) {
  TRY(
    auto s = t->item();
    if (s.isIntegral(true)) { *as_long = s.toLong(); *as_double = static_cast<double>(*as_long); }
    else { *as_double = s.toDouble(); *as_long = static_cast<int64_t>(*as_double); }
    return 1;
  )
}

// ---- factories ---------------------------------------------------------------------------------------------
EXPORT Tensor tensor_from_data(const void* data, const int64_t* shape, int64_t ndim, int8_t source_dtype,
                               int8_t dtype, int8_t device_type, int32_t device_index, int8_t requires_grad) {
  TRY(
    auto source = at::from_blob(const_cast<void*>(data), int_array(shape, ndim),
                                at::TensorOptions().dtype(static_cast<at::ScalarType>(source_dtype)));
    auto result = source.to(options(dtype, device_type, device_index), false, /*copy=*/true);
    return wrap(with_requires_grad(result, requires_grad));
  )
}

#define SIZED_FACTORY(name, call)                                                                            \
  EXPORT Tensor tensor_##name(const int64_t* shape, int64_t ndim, int8_t dtype, int8_t device_type,          \
                              int32_t device_index, int8_t requires_grad) {                                  \
    TRY(                                                                                                     \
      auto result = call(int_array(shape, ndim), options(dtype, device_type, device_index));                 \
      return wrap(with_requires_grad(result, requires_grad));                                                \
    )                                                                                                        \
  }
SIZED_FACTORY(zeros, at::zeros)
SIZED_FACTORY(ones, at::ones)
SIZED_FACTORY(empty, at::empty)

#define RANDOM_FACTORY(name, call)                                                                           \
  EXPORT Tensor tensor_##name(const int64_t* shape, int64_t ndim, int8_t dtype, int8_t device_type,          \
                              int32_t device_index, int8_t requires_grad, at::Generator* generator) {        \
    TRY(                                                                                                     \
      auto result = call(int_array(shape, ndim), generator ? c10::optional<at::Generator>(*generator)        \
                                                           : c10::nullopt,                                   \
                         options(dtype, device_type, device_index));                                         \
      return wrap(with_requires_grad(result, requires_grad));                                                \
    )                                                                                                        \
  }
RANDOM_FACTORY(rand, at::rand)
RANDOM_FACTORY(randn, at::randn)

EXPORT Tensor tensor_full(const int64_t* shape, int64_t ndim, SCALAR(value), int8_t dtype, int8_t device_type,
                          int32_t device_index, int8_t requires_grad) {
  TRY(
    auto result = at::full(int_array(shape, ndim), AS_SCALAR(value), options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}
EXPORT Tensor tensor_randint(int64_t low, int64_t high, const int64_t* shape, int64_t ndim, int8_t dtype,
                             int8_t device_type, int32_t device_index, int8_t requires_grad,
                             at::Generator* generator) {
  TRY(
    auto result = at::randint(low, high, int_array(shape, ndim),
                              generator ? c10::optional<at::Generator>(*generator) : c10::nullopt,
                              options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}
EXPORT Tensor tensor_randperm(int64_t n, int8_t dtype, int8_t device_type, int32_t device_index,
                              int8_t requires_grad, at::Generator* generator) {
  TRY(
    auto result = at::randperm(n, generator ? c10::optional<at::Generator>(*generator) : c10::nullopt,
                               options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}
EXPORT Tensor tensor_arange(SCALAR(start), SCALAR(end), SCALAR(step), int8_t dtype, int8_t device_type,
                            int32_t device_index, int8_t requires_grad) {
  TRY(
    auto result =
        at::arange(AS_SCALAR(start), AS_SCALAR(end), AS_SCALAR(step), options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}
EXPORT Tensor tensor_linspace(double start, double end, int64_t steps, int8_t dtype, int8_t device_type,
                              int32_t device_index, int8_t requires_grad) {
  TRY(
    auto result = at::linspace(start, end, steps, options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}
EXPORT Tensor tensor_eye(int64_t rows, int64_t columns, int8_t dtype, int8_t device_type, int32_t device_index,
                         int8_t requires_grad) {
  TRY(
    auto result = at::eye(rows, columns, options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}

#define LIKE_FACTORY(name, call)                                                                          \
  EXPORT Tensor tensor_##name(Tensor t, int8_t dtype, int8_t device_type, int32_t device_index,           \
                              int8_t requires_grad) {                                                     \
    TRY(return wrap(with_requires_grad(call(*t, options(dtype, device_type, device_index)), requires_grad));) \
  }
LIKE_FACTORY(zeros_like, at::zeros_like)
LIKE_FACTORY(ones_like, at::ones_like)
LIKE_FACTORY(empty_like, at::empty_like)
LIKE_FACTORY(rand_like, at::rand_like)
LIKE_FACTORY(randn_like, at::randn_like)
EXPORT Tensor tensor_full_like(Tensor t, SCALAR(value), int8_t dtype, int8_t device_type, int32_t device_index,
                               int8_t requires_grad) {
  TRY(
    auto result = at::full_like(*t, AS_SCALAR(value), options(dtype, device_type, device_index));
    return wrap(with_requires_grad(result, requires_grad));
  )
}

// ---- conversion and copies ---------------------------------------------------------------------------------
EXPORT Tensor tensor_to(Tensor t, int8_t dtype, int8_t device_type, int32_t device_index, int8_t non_blocking,
                        int8_t copy) {
  TRY(return wrap(t->to(at::Device(static_cast<at::DeviceType>(device_type),
                                   static_cast<c10::DeviceIndex>(device_index)),
                        static_cast<at::ScalarType>(dtype), non_blocking != 0, copy != 0));)
}
EXPORT Tensor tensor_clone(Tensor t) { TRY(return wrap(t->clone());) }
EXPORT Tensor tensor_contiguous(Tensor t) { TRY(return wrap(t->contiguous());) }
EXPORT Tensor tensor_detach(Tensor t) { TRY(return wrap(t->detach());) }
EXPORT Tensor tensor_detach_(Tensor t) { TRY(t->detach_(); return wrap(*t);) }
EXPORT Tensor tensor_copy_(Tensor t, Tensor source, int8_t non_blocking) {
  TRY(t->copy_(*source, non_blocking != 0); return wrap(*t);)
}
EXPORT Tensor tensor_alias(Tensor t) { TRY(return wrap(*t);) }

// ---- element-wise ---------------------------------------------------------------------------------------------
#define UNARY(name) \
  EXPORT Tensor tensor_##name(Tensor t) { TRY(return wrap(t->name());) }
#define UNARY_(name) \
  EXPORT Tensor tensor_##name(Tensor t) { TRY(t->name(); return wrap(*t);) }

UNARY(abs) UNARY_(abs_) UNARY(exp) UNARY_(exp_) UNARY(log) UNARY_(log_) UNARY(sqrt) UNARY_(sqrt_)
UNARY(tanh) UNARY_(tanh_) UNARY(sigmoid) UNARY_(sigmoid_) UNARY(relu) UNARY_(relu_) UNARY(neg) UNARY_(neg_)
UNARY(square) UNARY(rsqrt) UNARY(reciprocal) UNARY(sign) UNARY(floor) UNARY(ceil)
UNARY(log1p) UNARY_(log1p_) UNARY(expm1) UNARY_(expm1_) UNARY(erf) UNARY_(erf_) UNARY(cos) UNARY(sin)
UNARY(isnan) UNARY(isinf) UNARY(isfinite) UNARY(logical_not) UNARY(bitwise_not) UNARY(zero_)
UNARY(log2) UNARY(log10) UNARY(trunc) UNARY(frac)

EXPORT Tensor tensor_selu(Tensor t) { TRY(return wrap(at::selu(*t));) }
EXPORT Tensor tensor_selu_(Tensor t) { TRY(at::selu_(*t); return wrap(*t);) }
EXPORT Tensor tensor_silu(Tensor t) { TRY(return wrap(at::silu(*t));) }
EXPORT Tensor tensor_silu_(Tensor t) { TRY(at::silu_(*t); return wrap(*t);) }
EXPORT Tensor tensor_mish(Tensor t) { TRY(return wrap(at::mish(*t));) }
EXPORT Tensor tensor_mish_(Tensor t) { TRY(at::mish_(*t); return wrap(*t);) }
EXPORT Tensor tensor_gelu(Tensor t, int8_t tanh_approximation) {
  TRY(return wrap(at::gelu(*t, tanh_approximation ? "tanh" : "none"));)
}
EXPORT Tensor tensor_gelu_(Tensor t, int8_t tanh_approximation) {
  TRY(at::gelu_(*t, tanh_approximation ? "tanh" : "none"); return wrap(*t);)
}
EXPORT Tensor tensor_elu(Tensor t, SCALAR(alpha), SCALAR(scale), SCALAR(input_scale), int8_t inplace) {
  TRY(
    if (inplace) { at::elu_(*t, AS_SCALAR(alpha), AS_SCALAR(scale), AS_SCALAR(input_scale)); return wrap(*t); }
    return wrap(at::elu(*t, AS_SCALAR(alpha), AS_SCALAR(scale), AS_SCALAR(input_scale)));
  )
}
EXPORT Tensor tensor_leaky_relu(Tensor t, SCALAR(slope), int8_t inplace) {
  TRY(
    if (inplace) { at::leaky_relu_(*t, AS_SCALAR(slope)); return wrap(*t); }
    return wrap(at::leaky_relu(*t, AS_SCALAR(slope)));
  )
}
EXPORT Tensor tensor_softplus(Tensor t, double beta, double threshold) {
  TRY(return wrap(at::softplus(*t, beta, threshold));)
}
EXPORT Tensor tensor_log_sigmoid(Tensor t) { TRY(return wrap(at::log_sigmoid(*t));) }
EXPORT Tensor tensor_prelu(Tensor t, Tensor weight) { TRY(return wrap(at::prelu(*t, *weight));) }
EXPORT Tensor tensor_round(Tensor t, int64_t decimals) { TRY(return wrap(t->round(decimals));) }

#define BINARY(name)                                                                                 \
  EXPORT Tensor tensor_##name(Tensor a, Tensor b) { TRY(return wrap(a->name(*b));) }                 \
  EXPORT Tensor tensor_##name##_scalar(Tensor a, SCALAR(b)) { TRY(return wrap(a->name(AS_SCALAR(b)));) }
#define BINARY_(name)                                                                                        \
  EXPORT Tensor tensor_##name(Tensor a, Tensor b) { TRY(a->name(*b); return wrap(*a);) }                     \
  EXPORT Tensor tensor_##name##_scalar(Tensor a, SCALAR(b)) { TRY(a->name(AS_SCALAR(b)); return wrap(*a);) }

BINARY(mul) BINARY_(mul_) BINARY(pow) BINARY_(pow_) BINARY(remainder) BINARY_(remainder_) BINARY(fmod)
BINARY(eq) BINARY_(eq_) BINARY(ne) BINARY_(ne_) BINARY(gt) BINARY_(gt_) BINARY(ge) BINARY_(ge_)
BINARY(lt) BINARY_(lt_) BINARY(le) BINARY_(le_)
BINARY(bitwise_and) BINARY(bitwise_or) BINARY(bitwise_xor)

EXPORT Tensor tensor_add(Tensor a, Tensor b, SCALAR(alpha)) { TRY(return wrap(a->add(*b, AS_SCALAR(alpha)));) }
EXPORT Tensor tensor_add_(Tensor a, Tensor b, SCALAR(alpha)) { TRY(a->add_(*b, AS_SCALAR(alpha)); return wrap(*a);) }
EXPORT Tensor tensor_add_scalar(Tensor a, SCALAR(b), SCALAR(alpha)) {
  TRY(return wrap(a->add(AS_SCALAR(b), AS_SCALAR(alpha)));)
}
EXPORT Tensor tensor_add_scalar_(Tensor a, SCALAR(b), SCALAR(alpha)) {
  TRY(a->add_(AS_SCALAR(b), AS_SCALAR(alpha)); return wrap(*a);)
}
EXPORT Tensor tensor_sub(Tensor a, Tensor b, SCALAR(alpha)) { TRY(return wrap(a->sub(*b, AS_SCALAR(alpha)));) }
EXPORT Tensor tensor_sub_(Tensor a, Tensor b, SCALAR(alpha)) { TRY(a->sub_(*b, AS_SCALAR(alpha)); return wrap(*a);) }
EXPORT Tensor tensor_sub_scalar(Tensor a, SCALAR(b), SCALAR(alpha)) {
  TRY(return wrap(a->sub(AS_SCALAR(b), AS_SCALAR(alpha)));)
}
EXPORT Tensor tensor_sub_scalar_(Tensor a, SCALAR(b), SCALAR(alpha)) {
  TRY(a->sub_(AS_SCALAR(b), AS_SCALAR(alpha)); return wrap(*a);)
}
// Scalar - tensor and scalar / tensor (operators with the scalar on the left).
EXPORT Tensor tensor_rsub_scalar(Tensor a, SCALAR(b)) { TRY(return wrap(at::rsub(*a, AS_SCALAR(b)));) }
// scalar / tensor as PyTorch's __rtruediv__ computes it; out of place, since reciprocal's backward needs its result.
EXPORT Tensor tensor_rdiv_scalar(Tensor a, SCALAR(b)) { TRY(return wrap(a->reciprocal().mul(AS_SCALAR(b)));) }
EXPORT Tensor tensor_rpow_scalar(Tensor a, SCALAR(b)) { TRY(return wrap(at::pow(AS_SCALAR(b), *a));) }

static c10::optional<c10::string_view> rounding_mode(int8_t mode) {
  switch (mode) {
    case 1: return c10::string_view("trunc");
    case 2: return c10::string_view("floor");
    default: return c10::nullopt;
  }
}
EXPORT Tensor tensor_div(Tensor a, Tensor b, int8_t mode) { TRY(return wrap(a->div(*b, rounding_mode(mode)));) }
EXPORT Tensor tensor_div_(Tensor a, Tensor b, int8_t mode) { TRY(a->div_(*b, rounding_mode(mode)); return wrap(*a);) }
EXPORT Tensor tensor_div_scalar(Tensor a, SCALAR(b), int8_t mode) {
  TRY(return wrap(a->div(AS_SCALAR(b), rounding_mode(mode)));)
}
EXPORT Tensor tensor_div_scalar_(Tensor a, SCALAR(b), int8_t mode) {
  TRY(a->div_(AS_SCALAR(b), rounding_mode(mode)); return wrap(*a);)
}
EXPORT Tensor tensor_addcmul(Tensor t, Tensor a, Tensor b, SCALAR(value), int8_t inplace) {
  TRY(
    if (inplace) { t->addcmul_(*a, *b, AS_SCALAR(value)); return wrap(*t); }
    return wrap(t->addcmul(*a, *b, AS_SCALAR(value)));
  )
}
EXPORT Tensor tensor_addcdiv(Tensor t, Tensor a, Tensor b, SCALAR(value), int8_t inplace) {
  TRY(
    if (inplace) { t->addcdiv_(*a, *b, AS_SCALAR(value)); return wrap(*t); }
    return wrap(t->addcdiv(*a, *b, AS_SCALAR(value)));
  )
}
EXPORT Tensor tensor_lerp(Tensor t, Tensor end, SCALAR(weight), int8_t inplace) {
  TRY(
    if (inplace) { t->lerp_(*end, AS_SCALAR(weight)); return wrap(*t); }
    return wrap(t->lerp(*end, AS_SCALAR(weight)));
  )
}
EXPORT Tensor tensor_lerp_tensor(Tensor t, Tensor end, Tensor weight, int8_t inplace) {
  TRY(
    if (inplace) { t->lerp_(*end, *weight); return wrap(*t); }
    return wrap(t->lerp(*end, *weight));
  )
}
EXPORT Tensor tensor_maximum(Tensor a, Tensor b) { TRY(return wrap(at::maximum(*a, *b));) }
EXPORT Tensor tensor_minimum(Tensor a, Tensor b) { TRY(return wrap(at::minimum(*a, *b));) }
EXPORT Tensor tensor_matmul(Tensor a, Tensor b) { TRY(return wrap(a->matmul(*b));) }
EXPORT Tensor tensor_mm(Tensor a, Tensor b) { TRY(return wrap(a->mm(*b));) }

// Bounds are optional: has_min / has_max say which are given.
EXPORT Tensor tensor_clamp(Tensor t, int8_t has_min, SCALAR(min), int8_t has_max, SCALAR(max), int8_t inplace) {
  TRY(
    c10::optional<at::Scalar> lo = has_min ? c10::optional<at::Scalar>(AS_SCALAR(min)) : c10::nullopt;
    c10::optional<at::Scalar> hi = has_max ? c10::optional<at::Scalar>(AS_SCALAR(max)) : c10::nullopt;
    if (inplace) { t->clamp_(lo, hi); return wrap(*t); }
    return wrap(t->clamp(lo, hi));
  )
}
EXPORT Tensor tensor_clamp_tensor(Tensor t, Tensor min, Tensor max, int8_t inplace) {
  TRY(
    if (inplace) { t->clamp_(optional_tensor(min), optional_tensor(max)); return wrap(*t); }
    return wrap(t->clamp(optional_tensor(min), optional_tensor(max)));
  )
}
EXPORT Tensor tensor_where(Tensor condition, Tensor x, Tensor y) { TRY(return wrap(at::where(*condition, *x, *y));) }
EXPORT Tensor tensor_where_scalar(Tensor condition, Tensor x, SCALAR(y)) {
  TRY(return wrap(at::where(*condition, *x, AS_SCALAR(y)));)
}
EXPORT int32_t tensor_nonzero_numpy(Tensor condition, Tensor* out) {
  TRY(write_handles(at::where(*condition), out); return 1;)
}
EXPORT Tensor tensor_masked_fill(Tensor t, Tensor mask, SCALAR(value), int8_t inplace) {
  TRY(
    if (inplace) { t->masked_fill_(*mask, AS_SCALAR(value)); return wrap(*t); }
    return wrap(t->masked_fill(*mask, AS_SCALAR(value)));
  )
}

// ---- fill and random ---------------------------------------------------------------------------------------
static c10::optional<at::Generator> optional_generator(at::Generator* g) {
  return g ? c10::optional<at::Generator>(*g) : c10::nullopt;
}
EXPORT Tensor tensor_fill_(Tensor t, SCALAR(value)) { TRY(t->fill_(AS_SCALAR(value)); return wrap(*t);) }
EXPORT Tensor tensor_normal_(Tensor t, double mean, double std, at::Generator* g) {
  TRY(t->normal_(mean, std, optional_generator(g)); return wrap(*t);)
}
EXPORT Tensor tensor_uniform_(Tensor t, double from, double to, at::Generator* g) {
  TRY(t->uniform_(from, to, optional_generator(g)); return wrap(*t);)
}
EXPORT Tensor tensor_bernoulli_(Tensor t, double p, at::Generator* g) {
  TRY(t->bernoulli_(p, optional_generator(g)); return wrap(*t);)
}
EXPORT Tensor tensor_bernoulli_tensor_(Tensor t, Tensor p, at::Generator* g) {
  TRY(t->bernoulli_(*p, optional_generator(g)); return wrap(*t);)
}
EXPORT Tensor tensor_bernoulli(Tensor t, at::Generator* g) { TRY(return wrap(t->bernoulli(optional_generator(g)));) }

// ---- generators --------------------------------------------------------------------------------------------
EXPORT at::Generator* generator_new(int64_t seed) {
  TRY(
    auto g = at::detail::createCPUGenerator(static_cast<uint64_t>(seed));
    return new at::Generator(std::move(g));
  )
}
EXPORT at::Generator* generator_default() { TRY(return new at::Generator(at::detail::getDefaultCPUGenerator());) }
EXPORT void generator_dispose(at::Generator* g) { delete g; }
EXPORT int32_t generator_manual_seed(at::Generator* g, int64_t seed) {
  TRY(std::lock_guard<std::mutex> lock(g->mutex()); g->set_current_seed(static_cast<uint64_t>(seed)); return 1;)
}
EXPORT int32_t generator_initial_seed(at::Generator* g, int64_t* out) {
  TRY(*out = static_cast<int64_t>(g->current_seed()); return 1;)
}
EXPORT int32_t generator_seed(at::Generator* g, int64_t* out) {
  TRY(std::lock_guard<std::mutex> lock(g->mutex()); *out = static_cast<int64_t>(g->seed()); return 1;)
}
EXPORT Tensor generator_get_state(at::Generator* g) { TRY(return wrap(g->get_state());) }
EXPORT int32_t generator_set_state(at::Generator* g, Tensor state) {
  TRY(std::lock_guard<std::mutex> lock(g->mutex()); g->set_state(*state); return 1;)
}

// ---- reductions ----------------------------------------------------------------------------------------------
static c10::optional<at::ScalarType> optional_dtype(int8_t dtype) {
  return dtype < 0 ? c10::nullopt : c10::optional<at::ScalarType>(static_cast<at::ScalarType>(dtype));
}
EXPORT Tensor tensor_sum(Tensor t, int8_t dtype) { TRY(return wrap(t->sum(optional_dtype(dtype)));) }
EXPORT Tensor tensor_sum_dims(Tensor t, const int64_t* dims, int64_t n, int8_t keepdim, int8_t dtype) {
  TRY(return wrap(t->sum(int_array(dims, n), keepdim != 0, optional_dtype(dtype)));)
}
EXPORT Tensor tensor_mean(Tensor t) { TRY(return wrap(t->mean());) }
EXPORT Tensor tensor_mean_dims(Tensor t, const int64_t* dims, int64_t n, int8_t keepdim, int8_t dtype) {
  TRY(return wrap(t->mean(int_array(dims, n), keepdim != 0, optional_dtype(dtype)));)
}
EXPORT Tensor tensor_prod(Tensor t, int8_t dtype) { TRY(return wrap(t->prod(optional_dtype(dtype)));) }
EXPORT Tensor tensor_prod_dim(Tensor t, int64_t dim, int8_t keepdim, int8_t dtype) {
  TRY(return wrap(t->prod(dim, keepdim != 0, optional_dtype(dtype)));)
}
EXPORT Tensor tensor_var(Tensor t, const int64_t* dims, int64_t n, int64_t correction, int8_t keepdim) {
  TRY(return wrap(at::var(*t, optional_int_array(dims, n), correction, keepdim != 0));)
}
EXPORT Tensor tensor_std(Tensor t, const int64_t* dims, int64_t n, int64_t correction, int8_t keepdim) {
  TRY(return wrap(at::std(*t, optional_int_array(dims, n), correction, keepdim != 0));)
}
EXPORT Tensor tensor_max(Tensor t) { TRY(return wrap(t->max());) }
EXPORT Tensor tensor_min(Tensor t) { TRY(return wrap(t->min());) }
EXPORT int32_t tensor_max_dim(Tensor t, int64_t dim, int8_t keepdim, Tensor* values, Tensor* indices) {
  TRY(auto r = t->max(dim, keepdim != 0); *values = wrap(std::get<0>(r)); *indices = wrap(std::get<1>(r)); return 1;)
}
EXPORT int32_t tensor_min_dim(Tensor t, int64_t dim, int8_t keepdim, Tensor* values, Tensor* indices) {
  TRY(auto r = t->min(dim, keepdim != 0); *values = wrap(std::get<0>(r)); *indices = wrap(std::get<1>(r)); return 1;)
}
EXPORT Tensor tensor_argmax(Tensor t, int8_t has_dim, int64_t dim, int8_t keepdim) {
  TRY(return wrap(has_dim ? t->argmax(dim, keepdim != 0) : t->argmax());)
}
EXPORT Tensor tensor_argmin(Tensor t, int8_t has_dim, int64_t dim, int8_t keepdim) {
  TRY(return wrap(has_dim ? t->argmin(dim, keepdim != 0) : t->argmin());)
}
EXPORT int32_t tensor_topk(Tensor t, int64_t k, int64_t dim, int8_t largest, int8_t sorted, Tensor* values,
                           Tensor* indices) {
  TRY(
    auto r = t->topk(k, dim, largest != 0, sorted != 0);
    *values = wrap(std::get<0>(r)); *indices = wrap(std::get<1>(r));
    return 1;
  )
}
EXPORT int32_t tensor_sort(Tensor t, int64_t dim, int8_t descending, int8_t stable, Tensor* values,
                           Tensor* indices) {
  TRY(
    auto r = t->sort(stable != 0, dim, descending != 0);
    *values = wrap(std::get<0>(r)); *indices = wrap(std::get<1>(r));
    return 1;
  )
}
EXPORT Tensor tensor_argsort(Tensor t, int64_t dim, int8_t descending) { TRY(return wrap(t->argsort(dim, descending != 0));) }
EXPORT Tensor tensor_norm(Tensor t, double p) { TRY(return wrap(t->norm(p));) }
EXPORT Tensor tensor_cumsum(Tensor t, int64_t dim) { TRY(return wrap(t->cumsum(dim));) }
EXPORT Tensor tensor_softmax(Tensor t, int64_t dim, int8_t dtype) { TRY(return wrap(t->softmax(dim, optional_dtype(dtype)));) }
EXPORT Tensor tensor_log_softmax(Tensor t, int64_t dim, int8_t dtype) {
  TRY(return wrap(t->log_softmax(dim, optional_dtype(dtype)));)
}
EXPORT Tensor tensor_logsumexp(Tensor t, int64_t dim, int8_t keepdim) { TRY(return wrap(t->logsumexp(dim, keepdim != 0));) }

// ---- shape -------------------------------------------------------------------------------------------------
EXPORT Tensor tensor_reshape(Tensor t, const int64_t* shape, int64_t n) { TRY(return wrap(t->reshape(int_array(shape, n)));) }
EXPORT Tensor tensor_view(Tensor t, const int64_t* shape, int64_t n) { TRY(return wrap(t->view(int_array(shape, n)));) }
EXPORT Tensor tensor_flatten(Tensor t, int64_t start, int64_t end) { TRY(return wrap(t->flatten(start, end));) }
EXPORT Tensor tensor_unflatten(Tensor t, int64_t dim, const int64_t* sizes, int64_t n) {
  TRY(return wrap(t->unflatten(dim, int_array(sizes, n)));)
}
EXPORT Tensor tensor_unsqueeze(Tensor t, int64_t dim) { TRY(return wrap(t->unsqueeze(dim));) }
EXPORT Tensor tensor_squeeze(Tensor t, int8_t has_dim, int64_t dim) {
  TRY(return wrap(has_dim ? t->squeeze(dim) : t->squeeze());)
}
EXPORT Tensor tensor_permute(Tensor t, const int64_t* dims, int64_t n) { TRY(return wrap(t->permute(int_array(dims, n)));) }
EXPORT Tensor tensor_transpose(Tensor t, int64_t dim0, int64_t dim1) { TRY(return wrap(t->transpose(dim0, dim1));) }
EXPORT Tensor tensor_t(Tensor t) { TRY(return wrap(t->t());) }
EXPORT Tensor tensor_expand(Tensor t, const int64_t* sizes, int64_t n) { TRY(return wrap(t->expand(int_array(sizes, n)));) }
EXPORT Tensor tensor_repeat(Tensor t, const int64_t* sizes, int64_t n) { TRY(return wrap(t->repeat(int_array(sizes, n)));) }
EXPORT Tensor tensor_index_select(Tensor t, int64_t dim, Tensor index) { TRY(return wrap(t->index_select(dim, *index));) }
EXPORT Tensor tensor_select(Tensor t, int64_t dim, int64_t index) { TRY(return wrap(t->select(dim, index));) }
EXPORT Tensor tensor_narrow(Tensor t, int64_t dim, int64_t start, int64_t length) {
  TRY(return wrap(t->narrow(dim, start, length));)
}
EXPORT Tensor tensor_gather(Tensor t, int64_t dim, Tensor index) { TRY(return wrap(t->gather(dim, *index));) }
EXPORT Tensor tensor_one_hot(Tensor t, int64_t num_classes) { TRY(return wrap(at::one_hot(*t, num_classes));) }
EXPORT int32_t tensor_chunk(Tensor t, int64_t chunks, int64_t dim, Tensor* out, int64_t* count) {
  TRY(auto parts = t->chunk(chunks, dim); *count = parts.size(); write_handles(parts, out); return 1;)
}
EXPORT int32_t tensor_split(Tensor t, int64_t size, int64_t dim, Tensor* out, int64_t* count) {
  TRY(auto parts = t->split(size, dim); *count = parts.size(); write_handles(parts, out); return 1;)
}
EXPORT int32_t tensor_split_sizes(Tensor t, const int64_t* sizes, int64_t n, int64_t dim, Tensor* out) {
  TRY(write_handles(t->split_with_sizes(int_array(sizes, n), dim), out); return 1;)
}
EXPORT Tensor tensor_cat(const Tensor* tensors, int64_t n, int64_t dim) { TRY(return wrap(at::cat(tensor_list(tensors, n), dim));) }
EXPORT Tensor tensor_stack(const Tensor* tensors, int64_t n, int64_t dim) {
  TRY(return wrap(at::stack(tensor_list(tensors, n), dim));)
}

// ---- indexing --------------------------------------------------------------------------------------------------
// An index crosses as parallel arrays: kind (0 single, 1 slice, 2 tensor, 3 colon, 4 ellipsis, 5 none, 6 bool),
// then per entry a start/stop/step triple (slices; int64 min = absent) and a tensor handle (tensor kind).
static std::vector<at::indexing::TensorIndex> tensor_indices(const int8_t* kinds, const int64_t* starts,
                                                             const int64_t* stops, const int64_t* steps,
                                                             const Tensor* tensors, int64_t n) {
  using namespace at::indexing;
  const int64_t absent = std::numeric_limits<int64_t>::min();
  auto opt = [absent](int64_t v) { return v == absent ? c10::optional<int64_t>() : c10::optional<int64_t>(v); };
  std::vector<TensorIndex> indices;
  indices.reserve(static_cast<size_t>(n));
  for (int64_t i = 0; i < n; i++) {
    switch (kinds[i]) {
      case 0: indices.emplace_back(starts[i]); break;
      case 1: indices.emplace_back(Slice(opt(starts[i]), opt(stops[i]), opt(steps[i]))); break;
      case 2: indices.emplace_back(*tensors[i]); break;
      case 3: indices.emplace_back(Slice()); break;
      case 4: indices.emplace_back(Ellipsis); break;
      case 5: indices.emplace_back(None); break;
      case 6: indices.emplace_back(starts[i] != 0); break;
      default: throw std::invalid_argument("invalid index kind");
    }
  }
  return indices;
}
EXPORT Tensor tensor_index(Tensor t, const int8_t* kinds, const int64_t* starts, const int64_t* stops,
                           const int64_t* steps, const Tensor* tensors, int64_t n) {
  TRY(return wrap(t->index(tensor_indices(kinds, starts, stops, steps, tensors, n)));)
}
EXPORT int32_t tensor_index_put(Tensor t, const int8_t* kinds, const int64_t* starts, const int64_t* stops,
                                const int64_t* steps, const Tensor* tensors, int64_t n, Tensor value) {
  TRY(t->index_put_(tensor_indices(kinds, starts, stops, steps, tensors, n), *value); return 1;)
}
EXPORT int32_t tensor_index_put_scalar(Tensor t, const int8_t* kinds, const int64_t* starts, const int64_t* stops,
                                       const int64_t* steps, const Tensor* tensors, int64_t n, SCALAR(value)) {
  TRY(t->index_put_(tensor_indices(kinds, starts, stops, steps, tensors, n), AS_SCALAR(value)); return 1;)
}

// ---- text ----------------------------------------------------------------------------------------------------------
// Writes the tensor's values as libtorch prints them into a caller-supplied buffer; *length gets the full size.
EXPORT int32_t tensor_to_string(Tensor t, char* buffer, int64_t capacity, int64_t* length) {
  TRY(
    std::ostringstream s;
    s << *t;
    auto text = s.str();
    *length = static_cast<int64_t>(text.size());
    if (buffer && capacity > 0) std::memcpy(buffer, text.data(), std::min<size_t>(text.size(), capacity));
    return 1;
  )
}
