// The conventions every exported function of the shim follows.
//
// Handles: a tensor handle is a heap-allocated at::Tensor (itself a ref-counted handle to the storage);
//          the managed side owns it and frees it with tensor_dispose.
// Errors:  every body runs inside TRY(...). A C++ exception never crosses the C ABI: its message goes to a
//          thread-local slot and the function returns its zero value (a null handle, or 0 for a status).
//          The managed side takes the message with torch_take_error and throws.
// Results: functions that produce a tensor return its handle; all others return int32 1 on success and
//          write their values through out-pointers.
// Scalars: a Scalar crosses as (int64 bits, int8 kind): kind 0 = double (bits reinterpreted), 1 = int64,
//          2 = bool.
#pragma once

#include <ATen/ATen.h>
#include <torch/csrc/autograd/variable.h>
#include <torch/csrc/autograd/grad_mode.h>

#include <cstdint>
#include <cstring>
#include <string>

#define EXPORT extern "C" __attribute__((visibility("default")))

typedef at::Tensor* Tensor;

void set_error(const char* message);

#define TRY(body)                                                     \
  try {                                                               \
    body                                                              \
  } catch (const c10::Error& e) {                                     \
    set_error(e.what_without_backtrace());                            \
  } catch (const std::exception& e) {                                 \
    set_error(e.what());                                              \
  } catch (...) {                                                     \
    set_error("unknown native error");                                \
  }                                                                   \
  return {};

// Every tensor a function returns goes through wrap: the only place a handle is made.
inline Tensor wrap(at::Tensor t) { return new at::Tensor(std::move(t)); }

// An optional tensor argument is a null handle; an undefined result is returned as null without an error.
inline Tensor wrap_optional(at::Tensor t) { return t.defined() ? new at::Tensor(std::move(t)) : nullptr; }

inline c10::optional<at::Tensor> optional_tensor(Tensor t) {
  return t ? c10::optional<at::Tensor>(*t) : c10::nullopt;
}

inline at::Scalar to_scalar(int64_t bits, int8_t kind) {
  switch (kind) {
    case 0: {
      double d;
      std::memcpy(&d, &bits, sizeof d);
      return at::Scalar(d);
    }
    case 1: return at::Scalar(bits);
    case 2: return at::Scalar(bits != 0);
    default: throw std::invalid_argument("invalid scalar kind");
  }
}

#define SCALAR(name) int64_t name##_bits, int8_t name##_kind
#define AS_SCALAR(name) to_scalar(name##_bits, name##_kind)

inline at::IntArrayRef int_array(const int64_t* data, int64_t length) {
  return at::IntArrayRef(data, static_cast<size_t>(length));
}

inline at::OptionalIntArrayRef optional_int_array(const int64_t* data, int64_t length) {
  return data ? at::OptionalIntArrayRef(int_array(data, length)) : at::OptionalIntArrayRef();
}

inline at::TensorOptions options(int8_t dtype, int8_t device_type, int32_t device_index) {
  return at::TensorOptions()
      .dtype(static_cast<at::ScalarType>(dtype))
      .device(at::Device(static_cast<at::DeviceType>(device_type), static_cast<c10::DeviceIndex>(device_index)));
}

// The at:: factories ignore TensorOptions::requires_grad (only the torch:: wrappers honour it), so every factory
// makes its tensor first and marks it afterwards.
inline at::Tensor with_requires_grad(at::Tensor t, int8_t requires_grad) {
  if (requires_grad) t.set_requires_grad(true);
  return t;
}

inline std::vector<at::Tensor> tensor_list(const Tensor* handles, int64_t length) {
  std::vector<at::Tensor> list;
  list.reserve(static_cast<size_t>(length));
  for (int64_t i = 0; i < length; i++) list.push_back(*handles[i]);
  return list;
}

// Results of variable length go to a caller-supplied buffer; the caller asks for the length first.
inline void write_handles(const std::vector<at::Tensor>& tensors, Tensor* out) {
  for (size_t i = 0; i < tensors.size(); i++) out[i] = wrap_optional(tensors[i]);
}
