using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

// The analytic gradients against central finite differences in float64: element-wise for the element-wise
// activations, along random directions for softmax and maxout, and for the learnable parameters.
public class FiniteDifferenceTests
{
    private const double Step = 1e-6;

    public static TheoryData<string> ElementWise()
    {
        var data = new TheoryData<string>();
        foreach (var name in ActivationRegistry.Names.Where(n => n is not ("softmax" or "maxout"))) data.Add(name);
        foreach (var name in new[] { "leaky-relu:0.2", "elu:0.5", "swish:2", "softplus:2,5" }) data.Add(name);
        return data;
    }

    // Values in [−8, 8] and a few large ones, kept 1e-3 away from the kinks at 0 and from softplus's switch point.
    private static Tensor Points(double kink = double.NaN)
    {
        using var generator = new Generator(7);
        var x = rand(new long[] { 4000 }, ScalarType.Float64, generator: generator);
        x.mul_(16.0).sub_(8.0);
        using var large = tensor(new[] { -30.0, -15.0, 12.0, 25.0 }, ScalarType.Float64);
        var all = cat(new[] { x, large }, 0);
        using var near = all.abs().lt(1e-3);
        all.masked_fill_(near, 0.5);
        if (!double.IsNaN(kink))
        {
            using var nearKink = all.sub(kink).abs_().lt(1e-3);
            all.masked_fill_(nearKink, kink + 0.5);
        }
        return all.reshape(-1, 4);
    }

    [Theory]
    [MemberData(nameof(ElementWise))]
    public void ElementWiseGradientsMatchFiniteDifferences(string name)
    {
        var choice = ActivationRegistry.Parse(name);
        using var scope = NewDisposeScope();
        using var module = choice.CreateModule(4).to(ScalarType.Float64);
        var kink = choice.Spec.Name == "softplus" ? choice.HyperParameters["threshold"] / choice.HyperParameters["beta"] : double.NaN;
        var x = Points(kink).requires_grad_(true);
        module.call(x).sum().backward();

        Tensor numeric;
        using (no_grad())
        {
            var h = x.abs().clamp_min(1.0).mul_(Step);
            var plus = module.call(x + h);
            var minus = module.call(x - h);
            numeric = (plus - minus) / (2 * h);
        }
        TensorAssert.Close(x.grad!, numeric, 1e-6, 1e-7, $"{name} gradient vs finite differences");
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("softmax:0")]
    [InlineData("maxout")]
    [InlineData("maxout:3")]
    [InlineData("prelu:channel")]
    public void DirectionalDerivativesMatchFiniteDifferences(string name)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(11);
        var x = randn(new long[] { 5, 12, 3, 2 }, ScalarType.Float64, generator: generator).mul_(3.0);
        var u = randn(new long[] { 5, 12, 3, 2 }, ScalarType.Float64, generator: generator);
        var v = randn(new long[] { 5, 12, 3, 2 }, ScalarType.Float64, generator: generator);
        using var module = ActivationRegistry.Create(name, 12).to(ScalarType.Float64);

        var input = x.detach().requires_grad_(true);
        var y = module.call(input);
        using var uOut = u.narrow(1, 0, y.size(1));
        (y * uOut).sum().backward();
        var analytic = (input.grad! * v).sum().item<double>();

        double numeric;
        using (no_grad())
        {
            var plus = (module.call(x + Step * v) * uOut).sum().item<double>();
            var minus = (module.call(x - Step * v) * uOut).sum().item<double>();
            numeric = (plus - minus) / (2 * Step);
        }
        Assert.True(Math.Abs(analytic - numeric) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"{name}: analytic {analytic}, numeric {numeric}");
    }

    [Theory]
    [InlineData("prelu")]
    [InlineData("prelu:channel")]
    [InlineData("swish:learnable")]
    public void ParameterGradientsMatchFiniteDifferences(string name)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(5);
        var x = randn(new long[] { 6, 3, 4 }, ScalarType.Float64, generator: generator).mul_(2.0);
        var u = randn(new long[] { 6, 3, 4 }, ScalarType.Float64, generator: generator);
        using var module = ActivationRegistry.Create(name, 3).to(ScalarType.Float64);
        var parameter = module.parameters().Single();
        (module.call(x) * u).sum().backward();
        var analytic = TensorAssert.Values(parameter.grad!);

        var numeric = new double[parameter.numel()];
        using (no_grad())
        {
            for (var i = 0; i < numeric.Length; i++)
            {
                parameter[i] += Step;
                var plus = (module.call(x) * u).sum().item<double>();
                parameter[i] -= 2 * Step;
                var minus = (module.call(x) * u).sum().item<double>();
                parameter[i] += Step;
                numeric[i] = (plus - minus) / (2 * Step);
            }
        }
        for (var i = 0; i < numeric.Length; i++)
        {
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric[i])),
                $"{name} parameter {i}: analytic {analytic[i]}, numeric {numeric[i]}");
        }
    }
}
