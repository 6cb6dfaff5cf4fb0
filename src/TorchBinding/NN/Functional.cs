using TorchBinding.Interop;
using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public static class functional
        {
            public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null, long[]? padding = null,
                long[]? dilation = null, long groups = 1)
            {
                var s = Pair(strides, 1);
                var p = Pair(padding, 0);
                var d = Pair(dilation, 1);
                fixed (long* ps = s, pp = p, pd = d)
                {
                    return new Tensor(Native.nn_conv2d(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero, ps, pp, pd, groups));
                }
            }

            internal static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias, long[] strides, Padding padding, long[] dilation, long groups)
            {
                var s = Pair(strides, 1);
                var d = Pair(dilation, 1);
                fixed (long* ps = s, pd = d)
                {
                    return new Tensor(Native.nn_conv2d_padding(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero, ps,
                        Tensor.Flag(padding == Padding.Same), pd, groups));
                }
            }

            public static Tensor linear(Tensor input, Tensor weights, Tensor? bias = null) =>
                new(Native.nn_linear(input.Handle, weights.Handle, bias?.Handle ?? IntPtr.Zero));

            public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long? padding = null, long? dilation = null,
                bool ceil_mode = false) =>
                MaxPool2d(input, new[] { kernel_size, kernel_size }, stride is { } s ? new[] { s, s } : null,
                    new[] { padding ?? 0, padding ?? 0 }, new[] { dilation ?? 1, dilation ?? 1 }, ceil_mode);

            public static Tensor max_pool2d(Tensor input, (long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null,
                (long, long)? dilation = null, bool ceil_mode = false) =>
                MaxPool2d(input, new[] { kernel_size.Item1, kernel_size.Item2 }, stride is { } s ? new[] { s.Item1, s.Item2 } : null,
                    padding is { } p ? new[] { p.Item1, p.Item2 } : new long[] { 0, 0 },
                    dilation is { } d ? new[] { d.Item1, d.Item2 } : new long[] { 1, 1 }, ceil_mode);

            public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? strides = null, long[]? padding = null, long[]? dilation = null,
                bool ceil_mode = false) =>
                MaxPool2d(input, Pair(kernel_size, 1), strides is null ? null : Pair(strides, 1), Pair(padding, 0), Pair(dilation, 1), ceil_mode);

            // The stride defaults to the kernel size, as in PyTorch.
            private static unsafe Tensor MaxPool2d(Tensor input, long[] kernel, long[]? stride, long[] padding, long[] dilation, bool ceilMode)
            {
                var s = stride ?? kernel;
                fixed (long* pk = kernel, ps = s, pp = padding, pd = dilation)
                {
                    return new Tensor(Native.nn_max_pool2d(input.Handle, pk, ps, pp, pd, Tensor.Flag(ceilMode)));
                }
            }

            // A single value stands for both spatial dimensions.
            private static long[] Pair(long[]? values, long fallback) => values switch
            {
                null or { Length: 0 } => new[] { fallback, fallback },
                { Length: 1 } => new[] { values[0], values[0] },
                _ => values,
            };

            // libtorch checks p (0 ≤ p ≤ 1) and raises its own error.
            public static Tensor dropout(Tensor input, double p = 0.5, bool training = true, bool inplace = false) =>
                Result(input, Native.nn_dropout(input.Handle, p, Tensor.Flag(training), Tensor.Flag(inplace)), inplace);

            public static Tensor alpha_dropout(Tensor input, double p = 0.5, bool training = false, bool inplace = false) =>
                Result(input, Native.nn_alpha_dropout(input.Handle, p, Tensor.Flag(training), Tensor.Flag(inplace)), inplace);

            public static Tensor feature_alpha_dropout(Tensor input, double p = 0.5, bool training = false, bool inplace = false) =>
                Result(input, Native.nn_feature_alpha_dropout(input.Handle, p, Tensor.Flag(training), Tensor.Flag(inplace)), inplace);

            private static Tensor Result(Tensor input, IntPtr handle, bool inplace) => inplace ? input.InPlace(handle) : new Tensor(handle);

            public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax(dim);
            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => input.softmax(dim, dtype);

            public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
                new(Native.nn_nll_loss(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero, (long)reduction, -100));

            public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
                Reduction reduction = Reduction.Mean, double label_smoothing = 0.0) =>
                new(Native.nn_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero, (long)reduction, ignore_index, label_smoothing));

            public static Tensor mse_loss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
                new(Native.nn_mse_loss(input.Handle, target.Handle, (long)reduction));

            public static Tensor binary_cross_entropy(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean) =>
                new(Native.nn_binary_cross_entropy(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero, (long)reduction));

            public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
                Reduction reduction = Reduction.Mean, Tensor? pos_weights = null) =>
                new(Native.nn_binary_cross_entropy_with_logits(input.Handle, target.Handle, weight?.Handle ?? IntPtr.Zero,
                    pos_weights?.Handle ?? IntPtr.Zero, (long)reduction));

            public static Tensor relu(Tensor x, bool inplace = false) => inplace ? x.relu_() : x.relu();
            public static Tensor selu(Tensor x, bool inplace = false) => inplace ? x.selu_() : x.selu();
            public static Tensor silu(Tensor x, bool inplace = false) => inplace ? x.silu_() : x.silu();
            public static Tensor SiLU(Tensor x, bool inplace = false) => silu(x, inplace);
            public static Tensor elu(Tensor x, double alpha, bool inplace = false) => inplace ? x.elu_(alpha) : x.elu(alpha);
            public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false) =>
                inplace ? input.leaky_relu_(negative_slope) : input.leaky_relu(negative_slope);
            public static Tensor gelu(Tensor x) => x.gelu();
            public static Tensor gelu(Tensor x, bool inplace) => inplace ? x.gelu_() : x.gelu();
            public static Tensor gelu(Tensor x, TorchSharp.Modules.GELU.Approximate approximate, bool inplace = false)
            {
                var handle = inplace
                    ? Native.tensor_gelu_(x.Handle, Tensor.Flag(approximate == TorchSharp.Modules.GELU.Approximate.tanh))
                    : Native.tensor_gelu(x.Handle, Tensor.Flag(approximate == TorchSharp.Modules.GELU.Approximate.tanh));
                return Result(x, handle, inplace);
            }

            public static Tensor sigmoid(Tensor x) => x.sigmoid();
            public static Tensor sigmoid(Tensor x, bool inplace) => inplace ? x.sigmoid_() : x.sigmoid();
            public static Tensor tanh(Tensor x, bool inplace = false) => inplace ? x.tanh_() : x.tanh();
            public static Tensor mish(Tensor x, bool inplace = false) =>
                Result(x, inplace ? Native.tensor_mish_(x.Handle) : Native.tensor_mish(x.Handle), inplace);
            public static Tensor Mish(Tensor x) => mish(x);
            public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) => x.softplus(beta, threshold);
            public static Tensor prelu(Tensor input, Tensor weight) => new(Native.tensor_prelu(input.Handle, weight.Handle));
            public static Tensor one_hot(Tensor x, long num_classes = -1) => new(Native.tensor_one_hot(x.Handle, num_classes));
        }
    }
}
