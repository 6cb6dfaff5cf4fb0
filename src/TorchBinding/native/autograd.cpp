// autograd: torch.autograd.grad and custom autograd functions whose forward and backward are managed code.
#include "shim.h"

#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

EXPORT int32_t autograd_grad(const Tensor* outputs, int64_t n_outputs, const Tensor* inputs, int64_t n_inputs,
                             const Tensor* grad_outputs, int64_t n_grad_outputs, int8_t retain_graph,
                             int8_t create_graph, int8_t allow_unused, Tensor* result) {
  TRY(
    auto grads = torch::autograd::grad(tensor_list(outputs, n_outputs), tensor_list(inputs, n_inputs),
                                       tensor_list(grad_outputs, n_grad_outputs),
                                       retain_graph ? c10::optional<bool>(true) : c10::nullopt,
                                       create_graph != 0, allow_unused != 0);
    write_handles(grads, result);
    return 1;
  )
}

// A managed function is identified by an id the managed side chose. Its callbacks return 1 on success; on
// failure they call autograd_callback_failed with the managed exception's message and return 0. Handles the
// callbacks write are owned by the shim from then on.
typedef int32_t (*ForwardCallback)(int64_t id, AutogradContext* ctx, const Tensor* inputs, int64_t n_inputs,
                                   Tensor* outputs, int64_t capacity, int64_t* n_outputs);
typedef int32_t (*BackwardCallback)(int64_t id, AutogradContext* ctx, const Tensor* grad_outputs,
                                    int64_t n_grad_outputs, Tensor* grad_inputs, int64_t n_inputs);
typedef void (*ReleaseCallback)(int64_t id);

static ForwardCallback forward_callback = nullptr;
static BackwardCallback backward_callback = nullptr;
static ReleaseCallback release_callback = nullptr;
static thread_local std::string callback_error;

EXPORT void autograd_set_callbacks(ForwardCallback forward, BackwardCallback backward, ReleaseCallback release) {
  forward_callback = forward;
  backward_callback = backward;
  release_callback = release;
}

EXPORT void autograd_callback_failed(const char* message) { callback_error = message; }

static at::Tensor take(Tensor handle) {
  if (!handle) return at::Tensor();
  at::Tensor t = std::move(*handle);
  delete handle;
  return t;
}

// Tells the managed side when libtorch frees the graph node that holds the function's context.
struct ManagedLifetime : torch::CustomClassHolder {
  explicit ManagedLifetime(int64_t id) : id(id) {}
  ~ManagedLifetime() override {
    if (release_callback) release_callback(id);
  }
  int64_t id;
};

static constexpr int64_t kMaxOutputs = 64;

struct ManagedFunction : public torch::autograd::Function<ManagedFunction> {
  static variable_list forward(AutogradContext* ctx, at::TensorList inputs, int64_t id) {
    ctx->saved_data["id"] = id;
    ctx->saved_data["n_inputs"] = static_cast<int64_t>(inputs.size());
    ctx->saved_data["lifetime"] = c10::IValue::make_capsule(c10::make_intrusive<ManagedLifetime>(id));
    std::vector<Tensor> handles(inputs.size());
    for (size_t i = 0; i < inputs.size(); i++) handles[i] = const_cast<at::Tensor*>(&inputs[i]);
    Tensor outputs[kMaxOutputs] = {};
    int64_t n_outputs = 0;
    if (!forward_callback(id, ctx, handles.data(), static_cast<int64_t>(handles.size()), outputs, kMaxOutputs,
                          &n_outputs)) {
      throw std::runtime_error(callback_error);
    }
    variable_list result;
    for (int64_t i = 0; i < n_outputs; i++) result.push_back(take(outputs[i]));
    return result;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
    int64_t id = ctx->saved_data["id"].toInt();
    size_t n_inputs = ctx->saved_data["n_inputs"].toInt();
    std::vector<Tensor> handles(grad_outputs.size());
    for (size_t i = 0; i < grad_outputs.size(); i++) handles[i] = grad_outputs[i].defined() ? &grad_outputs[i] : nullptr;
    std::vector<Tensor> grads(n_inputs, nullptr);
    if (!backward_callback(id, ctx, handles.data(), static_cast<int64_t>(handles.size()), grads.data(),
                           static_cast<int64_t>(n_inputs))) {
      throw std::runtime_error(callback_error);
    }
    variable_list result;
    for (auto handle : grads) result.push_back(take(handle));
    result.emplace_back();  // the id is not a differentiable input
    return result;
  }
};

EXPORT int32_t autograd_function_apply(int64_t id, const Tensor* inputs, int64_t n_inputs, Tensor* outputs,
                                       int64_t capacity, int64_t* n_outputs) {
  TRY(
    if (!forward_callback) throw std::logic_error("autograd callbacks are not registered");
    auto list = tensor_list(inputs, n_inputs);
    auto result = ManagedFunction::apply(at::TensorList(list), id);
    if (static_cast<int64_t>(result.size()) > capacity) throw std::length_error("too many outputs");
    *n_outputs = static_cast<int64_t>(result.size());
    write_handles(result, outputs);
    return 1;
  )
}

EXPORT int32_t autograd_ctx_save_for_backward(AutogradContext* ctx, const Tensor* tensors, int64_t n) {
  TRY(ctx->save_for_backward(tensor_list(tensors, n)); return 1;)
}
EXPORT int32_t autograd_ctx_saved_count(AutogradContext* ctx, int64_t* out) {
  TRY(*out = static_cast<int64_t>(ctx->get_saved_variables().size()); return 1;)
}
EXPORT int32_t autograd_ctx_get_saved(AutogradContext* ctx, Tensor* out) {
  TRY(write_handles(ctx->get_saved_variables(), out); return 1;)
}
EXPORT int32_t autograd_ctx_mark_dirty(AutogradContext* ctx, const Tensor* tensors, int64_t n) {
  TRY(ctx->mark_dirty(tensor_list(tensors, n)); return 1;)
}
EXPORT int32_t autograd_ctx_mark_non_differentiable(AutogradContext* ctx, const Tensor* tensors, int64_t n) {
  TRY(ctx->mark_non_differentiable(tensor_list(tensors, n)); return 1;)
}
EXPORT int32_t autograd_ctx_set_materialize_grads(AutogradContext* ctx, int8_t value) {
  TRY(ctx->set_materialize_grads(value != 0); return 1;)
}
