using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;
using F = TorchSharp.torch.nn.functional;

namespace TorchBinding.Tests;

// Gradients of the differentiable ops against central finite differences in float64 (GradCheck), at random points.
public class GradientTests
{
    private static readonly long[] Shape = { 2, 3 };

    public static TheoryData<string> UnaryOps => new()
    {
        "abs", "exp", "log", "sqrt", "tanh", "sigmoid", "relu", "neg", "square", "rsqrt", "reciprocal", "log_sigmoid", "log1p", "log2",
        "log10", "expm1", "erf", "cos", "sin", "gelu", "gelu_tanh", "selu", "silu", "elu", "leaky_relu", "softplus", "mish", "pow3",
        "pow_frac", "clamp", "clamp_min", "clamp_max", "unary_minus", "relu_inplace_on_copy", "scalar_minus_x", "scalar_div_x",
        "scalar_plus_x", "scalar_times_x", "x_minus_scalar", "x_div_scalar", "sub_alpha", "lerp_self", "masked_fill",
        "inplace_chain", "inplace_on_view", "index_put_on_copy",
    };

    // (f, low, high): the domain keeps away from kinks and singularities
    private static (Func<Tensor, Tensor> f, double low, double high) Unary(string name) => name switch
    {
        "abs" => (t => t.abs(), 0.1, 1),
        "exp" => (t => t.exp(), -1, 1),
        "log" => (t => t.log(), 0.2, 2),
        "sqrt" => (t => t.sqrt(), 0.2, 2),
        "tanh" => (t => t.tanh(), -2, 2),
        "sigmoid" => (t => t.sigmoid(), -2, 2),
        "relu" => (t => t.relu(), -1, 1),
        "neg" => (t => t.neg(), -1, 1),
        "square" => (t => t.square(), -1, 1),
        "rsqrt" => (t => t.rsqrt(), 0.3, 2),
        "reciprocal" => (t => t.reciprocal(), 0.3, 2),
        "log_sigmoid" => (t => t.log_sigmoid(), -2, 2),
        "log1p" => (t => t.log1p(), 0, 2),
        "log2" => (t => t.log2(), 0.2, 2),
        "log10" => (t => t.log10(), 0.2, 2),
        "expm1" => (t => t.expm1(), -1, 1),
        "erf" => (t => t.erf(), -1.5, 1.5),
        "cos" => (t => t.cos(), -2, 2),
        "sin" => (t => t.sin(), -2, 2),
        "gelu" => (t => t.gelu(), -2, 2),
        "gelu_tanh" => (t => t.gelu(TorchSharp.Modules.GELU.Approximate.tanh), -2, 2),
        "selu" => (t => t.selu(), -2, 2),
        "silu" => (t => t.silu(), -2, 2),
        "elu" => (t => F.elu(t, 0.7), -2, 2),
        "leaky_relu" => (t => F.leaky_relu(t, 0.1), -2, 2),
        "softplus" => (t => t.softplus(1.5), -2, 2),
        "mish" => (t => F.mish(t), -2, 2),
        "pow3" => (t => t.pow(3), -1.5, 1.5),
        "pow_frac" => (t => t.pow(1.7), 0.2, 2),
        "clamp" => (t => t.clamp(-0.5, 0.5), -1, 1),
        "clamp_min" => (t => t.clamp_min(0.1), -1, 1),
        "clamp_max" => (t => t.clamp_max(0.1), -1, 1),
        "unary_minus" => (t => -t, -1, 1),
        "relu_inplace_on_copy" => (t => t.mul(2).relu_(), -1, 1),
        "scalar_minus_x" => (t => 2.5 - t, -1, 1),
        "scalar_div_x" => (t => 2.5 / t, 0.3, 2),
        "scalar_plus_x" => (t => 2 + t * t, -1, 1),
        "scalar_times_x" => (t => 3 * t.sin(), -1, 1),
        "x_minus_scalar" => (t => (t - 2).square(), -1, 1),
        "x_div_scalar" => (t => t.exp() / 3, -1, 1),
        "sub_alpha" => (t => t.add(t.square(), -0.5), -1, 1),
        "lerp_self" => (t => t.lerp(t.square(), 0.3), -1, 1),
        "masked_fill" => (t => t.masked_fill(t > 0, 0.5), -1, 1),
        // in-place ops inside a graph (none of them modifies a value another op saved for its backward)
        "inplace_chain" => (t =>
        {
            var a = t.mul(1.5).add_(t.square()).mul_(0.5).sub_(t).div_(2).add_(t, 0.25);
            a.tanh_();
            return a * 2;
        }, -1, 1),
        "inplace_on_view" => (t =>
        {
            var copy = t.clone();
            copy[0].mul_(3).add_(1);
            copy[TensorIndex.Colon, 1].masked_fill_(t[TensorIndex.Colon, 1] > 0, 0.25);
            return copy.exp();
        }, -1, 1),
        "index_put_on_copy" => (t =>
        {
            var copy = t.mul(2);
            copy[1, TensorIndex.Slice(0, 2)] = t[0, TensorIndex.Slice(1, 3)].square();
            return copy.exp();
        }, -1, 1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(UnaryOps))]
    public void UnaryOp(string name)
    {
        var (f, low, high) = Unary(name);
        GradCheck.Check(f, Shape, seed: name.Length * 31 + name[0], low, high);
    }

    public static TheoryData<string> BinaryOps => new()
    {
        "add", "add_alpha", "sub", "mul", "div", "pow", "maximum", "minimum", "matmul", "mm", "addcmul", "addcdiv", "lerp", "where",
        "clamp_tensor", "broadcast_mul", "remainder", "prelu",
    };

    // f(a, b) and the domains of a and b
    private static (Func<Tensor, Tensor, Tensor> f, long[] aShape, long[] bShape, double low, double high) Binary(string name) => name switch
    {
        "add" => ((a, b) => a + b, Shape, Shape, -1, 1),
        "add_alpha" => ((a, b) => a.add(b, 2.5), Shape, Shape, -1, 1),
        "sub" => ((a, b) => a - b, Shape, Shape, -1, 1),
        "mul" => ((a, b) => a * b, Shape, Shape, -1, 1),
        "div" => ((a, b) => a / b, Shape, Shape, 0.5, 2),
        "pow" => ((a, b) => a.pow(b), Shape, Shape, 0.5, 2),
        "maximum" => ((a, b) => a.maximum(b), Shape, Shape, -1, 1),
        "minimum" => ((a, b) => a.minimum(b), Shape, Shape, -1, 1),
        "matmul" => ((a, b) => a.matmul(b), new long[] { 2, 3 }, new long[] { 3, 4 }, -1, 1),
        "mm" => ((a, b) => a.mm(b), new long[] { 3, 2 }, new long[] { 2, 2 }, -1, 1),
        "addcmul" => ((a, b) => a.addcmul(b, a.sin(), 0.7), Shape, Shape, -1, 1),
        "addcdiv" => ((a, b) => a.addcdiv(a.cos(), b, 0.7), Shape, Shape, 0.5, 2),
        "lerp" => ((a, b) => a.lerp(b, 0.3), Shape, Shape, -1, 1),
        "where" => ((a, b) => where(a > b, a * 2, b.square()), Shape, Shape, -1, 1),
        "clamp_tensor" => ((a, b) => (a * 3).clamp(b, b + 1), Shape, Shape, -1, 1),
        "broadcast_mul" => ((a, b) => a * b, new long[] { 2, 3 }, new long[] { 3 }, -1, 1),
        "remainder" => ((a, b) => a.remainder(b), Shape, Shape, 1.1, 1.9),
        "prelu" => ((a, b) => F.prelu(a, b), Shape, new long[] { 3 }, -1, 1),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(BinaryOps))]
    public void BinaryOpWithRespectToBothInputs(string name)
    {
        var (f, aShape, bShape, low, high) = Binary(name);
        using var a = Values.Random(name.Length * 17 + 1, aShape, low, high);
        using var b = Values.Random(name.Length * 17 + 2, bShape, low, high);
        GradCheck.Check(x => f(x, b), a);
        GradCheck.Check(x => f(a, x), b);
    }

    public static TheoryData<string> Reductions => new()
    {
        "sum", "sum_dim", "sum_dims_keepdim", "mean", "mean_dim", "prod", "prod_dim", "max", "min", "max_dim", "min_dim", "var", "std",
        "logsumexp", "cumsum", "softmax", "softmax_dim0", "log_softmax", "topk", "sort", "norm_like",
    };

    private static Func<Tensor, Tensor> ReductionOp(string name) => name switch
    {
        "sum" => t => t.sum(),
        "sum_dim" => t => t.sum(1),
        "sum_dims_keepdim" => t => t.sum(new long[] { 0, 1 }, keepdim: true),
        "mean" => t => t.mean(),
        "mean_dim" => t => t.mean(new long[] { 0 }),
        "prod" => t => t.prod(),
        "prod_dim" => t => t.prod(1),
        "max" => t => t.max(),
        "min" => t => t.min(),
        "max_dim" => t => t.max(1).values,
        "min_dim" => t => t.min(0).values,
        "var" => t => t.var(),
        "std" => t => t.std(),
        "logsumexp" => t => t.logsumexp(1),
        "cumsum" => t => t.cumsum(1),
        "softmax" => t => t.softmax(1),
        "softmax_dim0" => t => t.softmax(0),
        "log_softmax" => t => t.log_softmax(1),
        "topk" => t => t.topk(2).values,
        "sort" => t => t.sort(1).Values,
        "norm_like" => t => t.square().sum().sqrt(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Reductions))]
    public void Reduction_(string name) => GradCheck.Check(ReductionOp(name), new long[] { 3, 4 }, seed: name.Length * 13 + name[1], 0.2, 2);

    public static TheoryData<string> ShapeOps => new()
    {
        "reshape", "view", "flatten", "permute", "transpose", "t", "expand", "repeat", "unsqueeze_squeeze", "select", "narrow",
        "index_select", "gather", "slice_index", "tensor_index", "cat", "stack", "chunk", "split", "contiguous", "clone", "to_same",
    };

    private static Func<Tensor, Tensor> ShapeOp(string name) => name switch
    {
        "reshape" => t => t.reshape(4, 3) * tensor(new double[] { 1, 2, 3 }),
        "view" => t => t.view(2, 6).exp(),
        "flatten" => t => t.flatten().cumsum(0),
        "permute" => t => t.unsqueeze(0).permute(2, 0, 1).cumsum(0),
        "transpose" => t => t.transpose(0, 1).cumsum(1),
        "t" => t => t.t().matmul(t),
        "expand" => t => t.unsqueeze(0).expand(2, 3, 4).cumsum(0),
        "repeat" => t => t.repeat(2, 1).cumsum(0),
        "unsqueeze_squeeze" => t => t.unsqueeze(1).squeeze(1).sin(),
        "select" => t => t.select(1, 2).exp(),
        "narrow" => t => t.narrow(1, 1, 2).square(),
        "index_select" => t => t.index_select(1, tensor(new long[] { 3, 0, 3 })),
        "gather" => t => t.gather(1, tensor(new long[] { 0, 0, 1, 2, 3, 3 }, new long[] { 3, 2 })),
        "slice_index" => t => t[1.., TensorIndex.Slice(0, 4, 2)].square(),
        "tensor_index" => t => t[tensor(new long[] { 2, 0, 2 })].exp(),
        "cat" => t => cat(new[] { t, t.square() }, 1),
        "stack" => t => stack(new[] { t, t.sin() }, 0),
        "chunk" => t => t.chunk(2, 1)[1].exp(),
        "split" => t => t.split(new long[] { 1, 3 }, 1)[1].square(),
        "contiguous" => t => t.t().contiguous().exp(),
        "clone" => t => t.clone().square(),
        "to_same" => t => t.to(ScalarType.Float64).sin(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(ShapeOps))]
    public void ShapeOp_(string name) => GradCheck.Check(ShapeOp(name), new long[] { 3, 4 }, seed: name.Length * 7 + name[0]);

    [Fact]
    public void IndexPutIsDifferentiable()
    {
        using var values = Values.Random(50, new long[] { 4 });
        GradCheck.Check(v =>
        {
            var target = zeros(3, 4, dtype: ScalarType.Float64);
            target[1] = v;
            return target.sin() + target;
        }, values);
    }

    [Fact]
    public void Conv2dWithRespectToInputWeightAndBias()
    {
        using var x = Values.Random(60, new long[] { 2, 2, 5, 5 });
        using var w = Values.Random(61, new long[] { 3, 2, 3, 3 });
        using var b = Values.Random(62, new long[] { 3 });
        var stride = new long[] { 2, 1 };
        var padding = new long[] { 1, 2 };
        var dilation = new long[] { 1, 2 };
        GradCheck.Check(t => F.conv2d(t, w, b, stride, padding, dilation), x);
        GradCheck.Check(t => F.conv2d(x, t, b, stride, padding, dilation), w);
        GradCheck.Check(t => F.conv2d(x, w, t, stride, padding, dilation), b);
        // grouped
        using var wg = Values.Random(63, new long[] { 4, 1, 2, 2 });
        GradCheck.Check(t => F.conv2d(t, wg, groups: 2), x);
        GradCheck.Check(t => F.conv2d(x, t, groups: 2), wg);
    }

    [Fact]
    public void LinearWithRespectToInputWeightAndBias()
    {
        using var x = Values.Random(70, new long[] { 4, 3 });
        using var w = Values.Random(71, new long[] { 2, 3 });
        using var b = Values.Random(72, new long[] { 2 });
        GradCheck.Check(t => F.linear(t, w, b), x);
        GradCheck.Check(t => F.linear(x, t, b), w);
        GradCheck.Check(t => F.linear(x, w, t), b);
        GradCheck.Check(t => F.linear(t, w), x);
    }

    [Fact]
    public void MaxPool2d()
    {
        using var x = Values.Random(80, new long[] { 1, 2, 6, 6 });
        GradCheck.Check(t => F.max_pool2d(t, 2), x);
        GradCheck.Check(t => F.max_pool2d(t, 3, 2, 1), x);
        GradCheck.Check(t => F.max_pool2d(t, (2, 3), (1, 2), (1, 1), (2, 1)), x);
    }

    [Fact]
    public void Losses()
    {
        using var logits = Values.Random(90, new long[] { 4, 3 }, -2, 2);
        using var target = tensor(new long[] { 0, 2, 1, 2 });
        using var weight = tensor(new double[] { 0.5, 1, 2 });
        GradCheck.Check(t => F.nll_loss(t.log_softmax(1), target), logits);
        GradCheck.Check(t => F.nll_loss(t, target, weight, Reduction.Sum), logits);
        GradCheck.Check(t => F.nll_loss(t, target, reduction: Reduction.None), logits);
        GradCheck.Check(t => F.cross_entropy(t, target), logits);
        GradCheck.Check(t => F.cross_entropy(t, target, weight, label_smoothing: 0.1), logits);
        GradCheck.Check(t => F.cross_entropy(t, target, ignore_index: 2), logits);

        using var prediction = Values.Random(91, new long[] { 2, 3 });
        using var regressionTarget = Values.Random(92, new long[] { 2, 3 });
        GradCheck.Check(t => F.mse_loss(t, regressionTarget), prediction);
        GradCheck.Check(t => F.mse_loss(prediction, t, Reduction.Sum), regressionTarget);

        using var probabilities = Values.Random(93, new long[] { 2, 3 }, 0.1, 0.9);
        using var labels = Values.Random(94, new long[] { 2, 3 }, 0, 1);
        GradCheck.Check(t => F.binary_cross_entropy(t, labels), probabilities);
        GradCheck.Check(t => F.binary_cross_entropy_with_logits(t, labels), prediction);
    }

    [Fact]
    public void DropoutInEvalModeIsTheIdentity()
    {
        using var x = Values.Random(100, Shape);
        GradCheck.Check(t => F.dropout(t, 0.5, training: false), x);
        using var dropout = Dropout(0.3);
        dropout.eval();
        GradCheck.Check(t => dropout.call(t).exp(), x);
        // and the gradient is exactly one everywhere
        using var leaf = x.clone().requires_grad_();
        F.dropout(leaf, 0.5, training: false).sum().backward();
        Assert.All(Values.Of(leaf.grad!), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void DropoutInTrainingScalesTheGradientOfKeptElements()
    {
        using var scope = NewDisposeScope();
        var x = ones(1000, dtype: ScalarType.Float64, requires_grad: true);
        var y = F.dropout(x, 0.2);
        y.sum().backward();
        var kept = Values.Of(y);
        var grad = Values.Of(x.grad!);
        for (var i = 0; i < kept.Length; i++) Assert.Equal(kept[i] == 0 ? 0 : 1.25, grad[i], 12);
    }

    [Fact]
    public void ModulesGradientsWithRespectToTheirParameters()
    {
        using var scope = NewDisposeScope();
        var conv = Conv2d(2, 2, 2, dtype: ScalarType.Float64);
        var x = Values.Random(110, new long[] { 1, 2, 3, 3 });
        conv.call(x).square().sum().backward();
        var analytic = Values.Of(conv.weight.grad!);
        var w0 = conv.weight.detach().clone();
        GradCheck.Check(w => F.conv2d(x, w, conv.bias).square().sum(), w0);
        // the grad GradCheck compared is the same one backward() put on the parameter
        var viaFunctional = autograd.grad(new List<Tensor> { F.conv2d(x, w0.requires_grad_(), conv.bias).square().sum() },
            new List<Tensor> { w0 })[0];
        Values.Close(Values.Of(viaFunctional), analytic, 1e-12);
        conv.Dispose();
    }
}
