using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

// SELU with LeCun-normal weights keeps activations near mean 0 and variance 1 through many layers, also through
// alpha dropout in training mode.
public class SelfNormalizationTests
{
    private const int Depth = 32;
    private const int Width = 256;

    private static Sequential DeepSeluNetwork(double dropout)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        for (var i = 0; i < Depth; i++)
        {
            layers.Add(nn.Linear(Width, Width));
            layers.Add(new SeluActivation());
            if (dropout > 0) layers.Add(new SelfNormalizingDropout(dropout));
        }
        var network = nn.Sequential(layers.ToArray());
        Assert.Equal(Depth, LecunNormal.Apply(network));
        return network;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void ThirtyTwoSeluLayersKeepMeanAndVariance(double dropout)
    {
        manual_seed(2024);
        using var network = DeepSeluNetwork(dropout);
        network.train();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(1024, Width);
        var layer = 0;
        foreach (var (_, module) in network.named_children())
        {
            x = ((nn.Module<Tensor, Tensor>)module).call(x);
            if (module is not SeluActivation && module is not SelfNormalizingDropout) continue;
            layer++;
            var mean = x.mean().item<float>();
            var variance = x.var().item<float>();
            Assert.True(Math.Abs(mean) <= 0.1, $"after {module.GetName()} #{layer}: mean {mean}");
            Assert.InRange(variance, 0.8, 1.2);
        }
        Assert.Equal(dropout > 0 ? 2 * Depth : Depth, layer);
    }

    [Fact]
    public void AlphaDropoutKeepsMeanZeroAndVarianceOne()
    {
        manual_seed(7);
        using var dropout = new SelfNormalizingDropout(0.1);
        dropout.train();
        using var scope = NewDisposeScope();
        var y = dropout.call(randn(1_000_000, ScalarType.Float64));
        Assert.InRange(y.mean().item<double>(), -0.02, 0.02);
        Assert.InRange(y.var().item<double>(), 0.98, 1.02);
    }

    [Fact]
    public void AlphaDropoutFollowsTheFormulas()
    {
        const double p = 0.2;
        using var dropout = new SelfNormalizingDropout(p);
        var alphaPrime = -SeluActivation.Lambda * SeluActivation.Alpha;
        var a = Math.Pow((1 - p) * (1 + p * alphaPrime * alphaPrime), -0.5);
        Assert.Equal(SelfNormalizingDropout.DroppedValue, alphaPrime, 12);
        Assert.Equal(a, dropout.Scale, 12);
        Assert.Equal(-a * alphaPrime * p, dropout.Shift, 12);

        using var scope = NewDisposeScope();
        dropout.train();
        var x = linspace(-3, 3, 10_000, ScalarType.Float64).requires_grad_(true);
        var y = dropout.call(x);
        var xs = TensorAssert.Values(x);
        var ys = TensorAssert.Values(y);
        var dropped = 0;
        for (var i = 0; i < xs.Length; i++)
        {
            var kept = Math.Abs(ys[i] - (a * xs[i] + dropout.Shift)) < 1e-12;
            var wasDropped = Math.Abs(ys[i] - (a * alphaPrime + dropout.Shift)) < 1e-12;
            Assert.True(kept || wasDropped, $"y({xs[i]}) = {ys[i]}");
            if (wasDropped && !kept) dropped++;
        }
        Assert.InRange(dropped, 1700, 2300);
        y.sum().backward();
        Assert.All(TensorAssert.Values(x.grad!), g => Assert.True(g == 0 || Math.Abs(g - a) < 1e-12));
    }

    [Fact]
    public void AlphaDropoutIsTheIdentityInEvaluationMode()
    {
        using var dropout = new SelfNormalizingDropout(0.5);
        dropout.eval();
        using var scope = NewDisposeScope();
        var x = randn(1000);
        Assert.True(dropout.call(x).Equals(x));
    }

    [Fact]
    public void LecunNormalDrawsFromNormalWithVarianceOneOverFanIn()
    {
        manual_seed(3);
        using var conv = nn.Conv2d(16, 64, 3);
        using var linear = nn.Linear(400, 300);
        Assert.Equal(1, LecunNormal.Apply(conv));
        Assert.Equal(1, LecunNormal.Apply(linear));
        Assert.InRange(conv.weight.std().item<float>(), 0.95 / Math.Sqrt(16 * 9), 1.05 / Math.Sqrt(16 * 9));
        Assert.InRange(linear.weight.std().item<float>(), 0.98 / Math.Sqrt(400), 1.02 / Math.Sqrt(400));
        Assert.InRange(linear.weight.mean().item<float>(), -0.002, 0.002);
        Assert.Equal(0f, conv.bias!.abs().max().item<float>());
        Assert.Equal(0f, linear.bias!.abs().max().item<float>());
    }
}
