// nn.functional: convolution, linear, pooling, dropout and losses.
#include "shim.h"

EXPORT Tensor nn_conv2d(Tensor input, Tensor weight, Tensor bias, const int64_t* stride, const int64_t* padding,
                        const int64_t* dilation, int64_t groups) {
  TRY(return wrap(at::conv2d(*input, *weight, optional_tensor(bias), int_array(stride, 2), int_array(padding, 2),
                             int_array(dilation, 2), groups));)
}
// padding_mode: 0 = valid, 1 = same (the string forms of conv2d).
EXPORT Tensor nn_conv2d_padding(Tensor input, Tensor weight, Tensor bias, const int64_t* stride, int8_t same,
                                const int64_t* dilation, int64_t groups) {
  TRY(return wrap(at::conv2d(*input, *weight, optional_tensor(bias), int_array(stride, 2), same ? "same" : "valid",
                             int_array(dilation, 2), groups));)
}
EXPORT Tensor nn_linear(Tensor input, Tensor weight, Tensor bias) {
  TRY(return wrap(at::linear(*input, *weight, optional_tensor(bias)));)
}
EXPORT Tensor nn_max_pool2d(Tensor input, const int64_t* kernel, const int64_t* stride, const int64_t* padding,
                            const int64_t* dilation, int8_t ceil_mode) {
  TRY(return wrap(at::max_pool2d(*input, int_array(kernel, 2), int_array(stride, 2), int_array(padding, 2),
                                 int_array(dilation, 2), ceil_mode != 0));)
}
EXPORT Tensor nn_dropout(Tensor input, double p, int8_t training, int8_t inplace) {
  TRY(
    if (inplace) { at::dropout_(*input, p, training != 0); return wrap(*input); }
    return wrap(at::dropout(*input, p, training != 0));
  )
}
EXPORT Tensor nn_alpha_dropout(Tensor input, double p, int8_t training, int8_t inplace) {
  TRY(
    if (inplace) { at::alpha_dropout_(*input, p, training != 0); return wrap(*input); }
    return wrap(at::alpha_dropout(*input, p, training != 0));
  )
}
EXPORT Tensor nn_feature_alpha_dropout(Tensor input, double p, int8_t training, int8_t inplace) {
  TRY(
    if (inplace) { at::feature_alpha_dropout_(*input, p, training != 0); return wrap(*input); }
    return wrap(at::feature_alpha_dropout(*input, p, training != 0));
  )
}
EXPORT Tensor nn_nll_loss(Tensor input, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index) {
  TRY(return wrap(at::nll_loss_nd(*input, *target, optional_tensor(weight), reduction, ignore_index));)
}
EXPORT Tensor nn_cross_entropy(Tensor input, Tensor target, Tensor weight, int64_t reduction, int64_t ignore_index,
                               double label_smoothing) {
  TRY(return wrap(at::cross_entropy_loss(*input, *target, optional_tensor(weight), reduction, ignore_index,
                                         label_smoothing));)
}
EXPORT Tensor nn_mse_loss(Tensor input, Tensor target, int64_t reduction) {
  TRY(return wrap(at::mse_loss(*input, *target, reduction));)
}
EXPORT Tensor nn_binary_cross_entropy(Tensor input, Tensor target, Tensor weight, int64_t reduction) {
  TRY(return wrap(at::binary_cross_entropy(*input, *target, optional_tensor(weight), reduction));)
}
EXPORT Tensor nn_binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor weight, Tensor pos_weight,
                                                  int64_t reduction) {
  TRY(return wrap(at::binary_cross_entropy_with_logits(*input, *target, optional_tensor(weight),
                                                       optional_tensor(pos_weight), reduction));)
}
