using TorchSharp.Modules;

namespace TorchSharp;

public static partial class torch
{
    public static partial class nn
    {
        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
            PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), (padding, padding), null, (dilation, dilation),
                padding_mode, groups, bias, device, dtype);

        public static Conv2d Conv2d(long in_channels, long out_channels, (long, long) kernel_size, (long, long)? stride = null,
            (long, long)? padding = null, (long, long)? dilation = null, PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1,
            bool bias = true, Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride ?? (1, 1), padding ?? (0, 0), null, dilation ?? (1, 1), padding_mode, groups, bias,
                device, dtype);

        public static Conv2d Conv2d(long in_channels, long out_channels, long kernel_size, Padding padding, long stride = 1, long dilation = 1,
            PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null, ScalarType? dtype = null) =>
            new(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), null, padding, (dilation, dilation), padding_mode, groups,
                bias, device, dtype);

        public static Conv2d Conv2d(long in_channels, long out_channels, (long, long) kernel_size, Padding padding, (long, long)? stride = null,
            (long, long)? dilation = null, PaddingModes padding_mode = PaddingModes.Zeros, long groups = 1, bool bias = true, Device? device = null,
            ScalarType? dtype = null) =>
            new(in_channels, out_channels, kernel_size, stride ?? (1, 1), null, padding, dilation ?? (1, 1), padding_mode, groups, bias, device, dtype);

        public static Linear Linear(long inputSize, long outputSize, bool hasBias = true, Device? device = null, ScalarType? dtype = null) =>
            new(inputSize, outputSize, hasBias, device, dtype);

        public static Linear Linear(Parameter weight, Parameter? bias = null) => new(weight, bias);

        public static MaxPool2d MaxPool2d(long kernel_size, long? stride = null, long? padding = null, long? dilation = null, bool ceil_mode = false) =>
            new(new[] { kernel_size, kernel_size }, stride is { } s ? new[] { s, s } : null, new[] { padding ?? 0, padding ?? 0 },
                new[] { dilation ?? 1, dilation ?? 1 }, ceil_mode);

        public static MaxPool2d MaxPool2d((long, long) kernel_size, (long, long)? stride = null, (long, long)? padding = null,
            (long, long)? dilation = null, bool ceil_mode = false) =>
            new(new[] { kernel_size.Item1, kernel_size.Item2 }, stride is { } s ? new[] { s.Item1, s.Item2 } : null,
                padding is { } p ? new[] { p.Item1, p.Item2 } : new long[] { 0, 0 }, dilation is { } d ? new[] { d.Item1, d.Item2 } : new long[] { 1, 1 },
                ceil_mode);

        public static MaxPool2d MaxPool2d(long[] kernel_size, long[]? stride = null, long[]? padding = null, long[]? dilation = null,
            bool ceil_mode = false) =>
            new(kernel_size, stride, padding ?? new long[] { 0, 0 }, dilation ?? new long[] { 1, 1 }, ceil_mode);

        public static Dropout Dropout(double p = 0.5, bool inplace = false) => new(p, inplace);

        public static AlphaDropout AlphaDropout(double p = 0.5, bool inplace = false) => new(p, inplace);

        public static FeatureAlphaDropout FeatureAlphaDropout(double p = 0.5) => new(p, false);

        public static FeatureAlphaDropout FeatureAlphaDropout(double p, bool inplace) => new(p, inplace);

        public static Flatten Flatten(long start_dim = 1, long end_dim = -1) => new(start_dim, end_dim);

        public static LogSoftmax LogSoftmax(long dim) => new(dim);

        public static Softmax Softmax(long dim) => new(dim);

        public static Identity Identity() => new();

        public static ReLU ReLU(bool inplace = false) => new(inplace);

        public static Sigmoid Sigmoid() => new(false);

        public static Sigmoid Sigmoid(bool inplace) => new(inplace);

        public static Tanh Tanh() => new(false);

        public static Tanh Tanh(bool inplace = false) => new(inplace);

        public static SELU SELU(bool inplace = false) => new(inplace);

        public static ELU ELU(double alpha = 1.0, bool inplace = false) => new(alpha, inplace);

        public static LeakyReLU LeakyReLU(double negative_slope = 0.01, bool inplace = false) => new(negative_slope, inplace);

        public static GELU GELU() => new(Modules.GELU.Approximate.none, false);

        public static GELU GELU(bool inplace) => new(Modules.GELU.Approximate.none, inplace);

        public static GELU GELU(Modules.GELU.Approximate approximate, bool inplace = false) => new(approximate, inplace);

        public static SiLU SiLU() => new(false);

        public static SiLU SiLU(bool inplace) => new(inplace);

        public static Mish Mish() => new(false);

        public static Mish Mish(bool inplace) => new(inplace);

        public static Softplus Softplus(double beta = 1, double threshold = 20) => new(beta, threshold);

        public static PReLU PReLU(long num_parameters, double init = 0.25, Device? device = null, ScalarType? dtype = null) =>
            new(num_parameters, init, device, dtype);

        public static Sequential Sequential() => new();

        public static Sequential Sequential(params Module<Tensor, Tensor>[] modules) => Sequential((IEnumerable<Module<Tensor, Tensor>>)modules);

        public static Sequential Sequential(IEnumerable<Module<Tensor, Tensor>> modules)
        {
            var sequential = new Sequential();
            foreach (var module in modules) sequential.append(module);
            return sequential;
        }

        public static Sequential Sequential(params (string name, Module<Tensor, Tensor> submodule)[] modules) =>
            Sequential((IEnumerable<(string name, Module<Tensor, Tensor> submodule)>)modules);

        public static Sequential Sequential(IEnumerable<(string name, Module<Tensor, Tensor> submodule)> modules)
        {
            var sequential = new Sequential();
            foreach (var (name, module) in modules) sequential.append(name, module);
            return sequential;
        }

        public static Sequential Sequential(params Tuple<string, Module<Tensor, Tensor>>[] modules) =>
            Sequential((IEnumerable<Tuple<string, Module<Tensor, Tensor>>>)modules);

        public static Sequential Sequential(IEnumerable<Tuple<string, Module<Tensor, Tensor>>> modules) =>
            Sequential(modules.Select(t => (t.Item1, t.Item2)));

        public static ModuleList<Module> ModuleList(params Module[] modules) => new(modules);

        public static ModuleList<T> ModuleList<T>(params T[] modules) where T : Module => new(modules);

        public static NLLLoss NLLLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new(weight, reduction);

        public static CrossEntropyLoss CrossEntropyLoss(Tensor? weight = null, long? ignore_index = null, Reduction reduction = Reduction.Mean) =>
            new(weight, ignore_index, reduction);

        public static MSELoss MSELoss(Reduction reduction = Reduction.Mean) => new(reduction);

        public static BCELoss BCELoss(Tensor? weight = null, Reduction reduction = Reduction.Mean) => new(weight, reduction);

        public static BCEWithLogitsLoss BCEWithLogitsLoss(Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weights = null) =>
            new(weight, reduction, pos_weights);
    }
}
