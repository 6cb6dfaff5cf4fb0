using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

// Each custom module against libtorch's own built-in with the same hyper-parameters, on 100,000 random values plus
// the edge values 0, ±1e-7, ±20, ±1e4 and NaN: outputs and input gradients.
public class BuiltInAgreementTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in ActivationRegistry.Names.Where(n => n != "maxout")) data.Add(name);
        foreach (var name in new[] { "leaky-relu:0.2", "leaky-relu:1.5", "leaky-relu:-0.3", "elu:0.5", "elu:2", "prelu:channel", "swish:2", "swish:learnable", "softplus:2", "softplus:0.5,5" })
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float64OutputsAndGradientsMatchTheBuiltIn(string name) =>
        Compare(name, ScalarType.Float64, outputRtol: 1e-6, outputAtol: 1e-12, gradRtol: 1e-5, gradAtol: 1e-10);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Float32OutputsAndGradientsMatchTheBuiltIn(string name) =>
        Compare(name, ScalarType.Float32, outputRtol: 1e-5, outputAtol: 1e-6, gradRtol: 1e-4, gradAtol: 1e-5);

    private static void Compare(string name, ScalarType dtype, double outputRtol, double outputAtol, double gradRtol, double gradAtol)
    {
        var choice = ActivationRegistry.Parse(name);
        Assert.NotNull(choice.BuiltIn);
        using var scope = NewDisposeScope();
        using var module = choice.CreateModule(Inputs.Columns).to(dtype);
        var x = Inputs.RandomWithEdges(dtype);

        var custom = x.detach().requires_grad_(true);
        var builtIn = x.detach().requires_grad_(true);
        var y = module.call(custom);
        var expected = choice.BuiltIn!(builtIn);
        Assert.Equal(dtype, y.dtype);
        TensorAssert.Close(y, expected, outputRtol, outputAtol, $"{name} ({dtype}) output");

        using var generator = new Generator(99);
        var upstream = randn(x.shape, dtype, generator: generator);
        y.backward(new List<Tensor> { upstream });
        expected.backward(new List<Tensor> { upstream });
        // At a NaN input the built-ins' gradients follow their branch conditions (often finite); the output is NaN
        // there, which the output check covers.
        TensorAssert.Close(custom.grad!, builtIn.grad!, gradRtol, gradAtol, $"{name} ({dtype}) gradient", skip: Inputs.NaNMask(x));
    }
}
