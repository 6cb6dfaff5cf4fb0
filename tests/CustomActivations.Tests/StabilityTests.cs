using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

// No overflow to inf or NaN for finite inputs up to |x| = 1e4, in float32 and float64; NaN in gives NaN out.
public class StabilityTests
{
    public static TheoryData<string, ScalarType> Cases()
    {
        var data = new TheoryData<string, ScalarType>();
        foreach (var dtype in new[] { ScalarType.Float32, ScalarType.Float64 })
        {
            foreach (var name in ActivationRegistry.Names.Concat(new[] { "leaky-relu:0.2", "elu:0.5", "swish:learnable", "softplus:3", "prelu:channel" }))
                data.Add(name, dtype);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LargeFiniteInputsGiveFiniteOutputsAndGradients(string name, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationRegistry.Create(name, 2).to(dtype);
        // ±1e4 through ±1e-7 and 0, as pairs of channels (maxout takes the max of each pair).
        var magnitudes = linspace(-7, 4, 45, ScalarType.Float64).mul_(Math.Log(10)).exp_();
        var values = cat(new[] { magnitudes, magnitudes.neg(), zeros(1, ScalarType.Float64), tensor(new[] { 1e4, -1e4, 88.7, -88.7, 709.0, -709.0, 1.0 }) }, 0);
        var x = values.reshape(-1, 2).to(dtype).requires_grad_(true);
        var y = module.call(x);
        TensorAssert.AllFinite(y, $"{name} ({dtype}) output");
        y.sum().backward();
        TensorAssert.AllFinite(x.grad!, $"{name} ({dtype}) gradient");
    }

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void SoftmaxOfLargeLogitsIsExact(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationRegistry.Create("softmax:0");
        var y = module.call(tensor(new[] { 1e4, 0.0, -1e4, 1e4 - 1 }, dtype));
        var v = TensorAssert.Values(y);
        Assert.Equal(1 / (1 + Math.Exp(-1)), v[0], 6);
        Assert.Equal(0.0, v[1]);
        Assert.Equal(0.0, v[2]);
        Assert.Equal(1 / (1 + Math.Exp(1)), v[3], 6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void NaNInGivesNaNOut(string name, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        using var module = ActivationRegistry.Create(name, 2).to(dtype);
        var x = tensor(new[] { double.NaN, 1.5, -0.5, 2.0 }, dtype).reshape(2, 2);
        var y = TensorAssert.Values(module.call(x));
        Assert.True(double.IsNaN(y[0]), $"{name}: NaN in gave {y[0]}");
        // The other row (another group for maxout, another softmax row) is untouched by the NaN.
        Assert.All(y.Skip(y.Length / 2), v => Assert.True(double.IsFinite(v)));
    }
}
