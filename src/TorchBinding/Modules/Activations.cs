using static TorchSharp.torch;

namespace TorchSharp.Modules;

// libtorch's built-in activations as modules (CustomActivations writes its own from tensor ops).
public sealed class ReLU : ParameterLessModule<Tensor, Tensor>
{
    internal ReLU(bool inplace) : base(nameof(ReLU)) => this.inplace = inplace;

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.relu(tensor, inplace);
}

public sealed class Sigmoid : ParameterLessModule<Tensor, Tensor>
{
    internal Sigmoid(bool inplace) : base(nameof(Sigmoid)) => this.inplace = inplace;

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.sigmoid(tensor, inplace);
}

public sealed class Tanh : ParameterLessModule<Tensor, Tensor>
{
    internal Tanh(bool inplace) : base(nameof(Tanh)) => this.inplace = inplace;

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.tanh(tensor, inplace);
}

public sealed class SELU : ParameterLessModule<Tensor, Tensor>
{
    internal SELU(bool inplace) : base(nameof(SELU)) => this.inplace = inplace;

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.selu(tensor, inplace);
}

public sealed class ELU : ParameterLessModule<Tensor, Tensor>
{
    internal ELU(double alpha, bool inplace) : base(nameof(ELU))
    {
        this.alpha = alpha;
        this.inplace = inplace;
    }

    public double alpha { get; set; }

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.elu(tensor, alpha, inplace);
}

public sealed class LeakyReLU : ParameterLessModule<Tensor, Tensor>
{
    internal LeakyReLU(double negativeSlope, bool inplace) : base(nameof(LeakyReLU))
    {
        negative_slope = negativeSlope;
        this.inplace = inplace;
    }

    public double negative_slope { get; set; }

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.leaky_relu(tensor, negative_slope, inplace);
}

public sealed class GELU : ParameterLessModule<Tensor, Tensor>
{
    public enum Approximate
    {
        none = 0,
        tanh = 1,
    }

    internal GELU(Approximate approximate, bool inplace) : base(nameof(GELU))
    {
        this.approximate = approximate;
        this.inplace = inplace;
    }

    public Approximate approximate { get; set; }

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.gelu(tensor, approximate, inplace);
}

public sealed class SiLU : ParameterLessModule<Tensor, Tensor>
{
    internal SiLU(bool inplace) : base(nameof(SiLU)) => this.inplace = inplace;

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.silu(tensor, inplace);
}

public sealed class Mish : ParameterLessModule<Tensor, Tensor>
{
    internal Mish(bool inplace) : base(nameof(Mish)) => this.inplace = inplace;

    public bool inplace { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.mish(tensor, inplace);
}

public sealed class Softplus : ParameterLessModule<Tensor, Tensor>
{
    internal Softplus(double beta, double threshold) : base(nameof(Softplus))
    {
        this.beta = beta;
        this.threshold = threshold;
    }

    public double beta { get; set; }

    public double threshold { get; set; }

    public override Tensor forward(Tensor tensor) => nn.functional.softplus(tensor, beta, threshold);
}

public sealed class PReLU : nn.Module<Tensor, Tensor>
{
    internal PReLU(long numParameters, double init, Device? device, ScalarType? dtype) : base(nameof(PReLU))
    {
        num_parameters = numParameters;
        weight = new Parameter(full(new[] { numParameters }, init, dtype, device));
    }

    public long num_parameters { get; }

    public Parameter weight
    {
        get => GetRegisteredParameter(nameof(weight))!;
        set => SetRegisteredParameter(nameof(weight), value.DetachFromDisposeScope() as Parameter ?? value);
    }

    public override Tensor forward(Tensor tensor) => nn.functional.prelu(tensor, weight);
}
