using static TorchSharp.torch;

namespace TorchSharp.Modules;

// Base of the modules without parameters or buffers (activations, dropout, pooling, reshaping).
public abstract class ParameterLessModule<T1, TResult> : nn.Module<T1, TResult>
{
    protected ParameterLessModule(string name) : base(name)
    {
    }

    public override void register_parameter(string name, Parameter param) =>
        throw new InvalidOperationException($"{GetName()} cannot have parameters.");

    public override void register_buffer(string name, Tensor tensor, bool persistent = true) =>
        throw new InvalidOperationException($"{GetName()} cannot have buffers.");
}

public sealed class Linear : nn.Module<Tensor, Tensor>
{
    internal Linear(long inputSize, long outputSize, bool hasBias, Device? device, ScalarType? dtype) : base(nameof(Linear))
    {
        in_features = inputSize;
        out_features = outputSize;
        var w = empty(new[] { outputSize, inputSize }, dtype, device);
        nn.init.kaiming_uniform_(w, a: Math.Sqrt(5));
        weight = new Parameter(w);
        if (hasBias)
        {
            var bound = 1 / Math.Sqrt(inputSize);
            var b = empty(new[] { outputSize }, dtype, device);
            nn.init.uniform_(b, -bound, bound);
            bias = new Parameter(b);
        }
    }

    internal Linear(Parameter weight, Parameter? bias) : base(nameof(Linear))
    {
        in_features = weight.shape[1];
        out_features = weight.shape[0];
        this.weight = weight;
        this.bias = bias;
    }

    public long in_features { get; }

    public long out_features { get; }

    public Parameter weight
    {
        get => GetRegisteredParameter(nameof(weight))!;
        set => SetRegisteredParameter(nameof(weight), value.DetachFromDisposeScope() as Parameter ?? value);
    }

    public Parameter? bias
    {
        get => GetRegisteredParameter(nameof(bias));
        set => SetRegisteredParameter(nameof(bias), value?.DetachFromDisposeScope() as Parameter);
    }

    public override Tensor forward(Tensor input) => nn.functional.linear(input, weight, bias);
}

public abstract class Convolution : nn.Module<Tensor, Tensor>
{
    // TorchSharp's constructor takes the whole configuration; this one is the binding's own, so no code outside the
    // assembly can derive from it (or see the init accessors and InitializeParameters below).
    private protected Convolution(string name) : base(name)
    {
    }

    public long in_channels { get; private protected init; }

    public long out_channels { get; private protected init; }

    public long[] kernel_size { get; private protected init; } = Array.Empty<long>();

    public long[] stride { get; private protected init; } = Array.Empty<long>();

    public long[] dilation { get; private protected init; } = Array.Empty<long>();

    public long groups { get; private protected init; } = 1;

    public Parameter weight
    {
        get => GetRegisteredParameter(nameof(weight))!;
        set => SetRegisteredParameter(nameof(weight), value.DetachFromDisposeScope() as Parameter ?? value);
    }

    public Parameter? bias
    {
        get => GetRegisteredParameter(nameof(bias));
        set => SetRegisteredParameter(nameof(bias), value?.DetachFromDisposeScope() as Parameter);
    }

    // Same initialisation as PyTorch's: kaiming_uniform(a = √5) for the weight, U(±1/√fan_in) for the bias.
    private protected void InitializeParameters(long[] weightShape, bool hasBias, Device? device, ScalarType? dtype)
    {
        var w = empty(weightShape, dtype, device);
        nn.init.kaiming_uniform_(w, a: Math.Sqrt(5));
        var (fanIn, _) = nn.init.CalculateFanInAndFanOut(w);
        weight = new Parameter(w);
        if (!hasBias) return;
        var bound = 1 / Math.Sqrt(fanIn);
        var b = empty(new[] { weightShape[0] }, dtype, device);
        nn.init.uniform_(b, -bound, bound);
        bias = new Parameter(b);
    }
}

public sealed class Conv2d : Convolution
{
    private readonly long[]? paddingValues;
    private readonly Padding? paddingMode;

    internal Conv2d(long inChannels, long outChannels, (long, long) kernelSize, (long, long) stride, (long, long)? padding, Padding? paddingKind,
        (long, long) dilation, PaddingModes paddingMode, long groups, bool bias, Device? device, ScalarType? dtype) : base(nameof(Conv2d))
    {
        if (paddingMode != PaddingModes.Zeros) throw new NotSupportedException("Only zero padding is supported by this binding.");
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"in_channels ({inChannels}) and out_channels ({outChannels}) must be divisible by groups ({groups})");
        in_channels = inChannels;
        out_channels = outChannels;
        kernel_size = new[] { kernelSize.Item1, kernelSize.Item2 };
        this.stride = new[] { stride.Item1, stride.Item2 };
        this.dilation = new[] { dilation.Item1, dilation.Item2 };
        this.groups = groups;
        paddingValues = padding is { } p ? new[] { p.Item1, p.Item2 } : null;
        this.paddingMode = paddingKind;
        InitializeParameters(new[] { outChannels, inChannels / groups, kernelSize.Item1, kernelSize.Item2 }, bias, device, dtype);
    }

    public override Tensor forward(Tensor input) => paddingMode is { } mode
        ? nn.functional.conv2d(input, weight, bias, stride, mode, dilation, groups)
        : nn.functional.conv2d(input, weight, bias, stride, paddingValues, dilation, groups);
}

public sealed class MaxPool2d : ParameterLessModule<Tensor, Tensor>
{
    internal MaxPool2d(long[] kernelSize, long[]? stride, long[] padding, long[] dilation, bool ceilMode) : base(nameof(MaxPool2d))
    {
        kernel_size = kernelSize;
        this.stride = stride ?? kernelSize;
        this.padding = padding;
        this.dilation = dilation;
        ceil_mode = ceilMode;
    }

    public long[] kernel_size { get; }

    public long[] stride { get; }

    public long[] padding { get; }

    public long[] dilation { get; }

    public bool ceil_mode { get; }

    public override Tensor forward(Tensor input) => nn.functional.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode);
}

public sealed class Dropout : ParameterLessModule<Tensor, Tensor>
{
    internal Dropout(double p, bool inplace) : base(nameof(Dropout))
    {
        this.p = p;
        this.inplace = inplace;
    }

    public double p { get; set; }

    public bool inplace { get; set; }

    public override Tensor forward(Tensor input) => nn.functional.dropout(input, p, training, inplace);
}

public sealed class AlphaDropout : ParameterLessModule<Tensor, Tensor>
{
    internal AlphaDropout(double p, bool inplace) : base(nameof(AlphaDropout))
    {
        this.p = p;
        this.inplace = inplace;
    }

    public double p { get; set; }

    public bool inplace { get; set; }

    public override Tensor forward(Tensor input) => nn.functional.alpha_dropout(input, p, training, inplace);
}

public sealed class FeatureAlphaDropout : ParameterLessModule<Tensor, Tensor>
{
    internal FeatureAlphaDropout(double p, bool inplace) : base(nameof(FeatureAlphaDropout))
    {
        this.p = p;
        this.inplace = inplace;
    }

    public double p { get; set; }

    public bool inplace { get; set; }

    public override Tensor forward(Tensor input) => nn.functional.feature_alpha_dropout(input, p, training, inplace);
}

public sealed class Flatten : ParameterLessModule<Tensor, Tensor>
{
    private readonly long startDim;
    private readonly long endDim;

    internal Flatten(long startDim, long endDim) : base(nameof(Flatten))
    {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    public override Tensor forward(Tensor input) => input.flatten(startDim, endDim);
}

public sealed class LogSoftmax : ParameterLessModule<Tensor, Tensor>
{
    internal LogSoftmax(long dim) : base(nameof(LogSoftmax)) => this.dim = dim;

    public long dim { get; set; }

    public override Tensor forward(Tensor input) => input.log_softmax(dim);
}

public sealed class Softmax : ParameterLessModule<Tensor, Tensor>
{
    internal Softmax(long dim) : base(nameof(Softmax)) => this.dim = dim;

    public long dim { get; set; }

    public override Tensor forward(Tensor input) => input.softmax(dim);
}

public sealed class Identity : ParameterLessModule<Tensor, Tensor>
{
    internal Identity() : base(nameof(Identity))
    {
    }

    public override Tensor forward(Tensor input) => input.alias();
}
