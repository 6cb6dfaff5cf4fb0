using MnistCompare.Reporting;

namespace MnistCompare.Tests.Reporting;

// The `activations` figures: values from the modules, derivatives from autograd, compared with closed forms.
public sealed class ActivationCurvesTests
{
    [Fact]
    public void ValuesAndDerivativesMatchTheFormulas()
    {
        var curves = ActivationCurves.Compute(["relu", "sigmoid", "leaky-relu:0.2", "softmax", "maxout"]);

        // Softmax and maxout are not functions of one x, so they are skipped.
        Assert.Equal(["relu", "sigmoid", "leaky-relu:0.2"], curves.Select(c => c.Name));
        Assert.Equal(["ReLU", "Sigmoid", "Leaky ReLU (0.2)"], curves.Select(c => c.DisplayName));
        foreach (var curve in curves)
        {
            Assert.Equal(401, curve.X.Length);
            Assert.Equal((-5.0, 5.0), (curve.X[0], curve.X[^1]));
            Assert.Equal(0.0, curve.X[200], 12);
        }
        var (relu, sigmoid, leaky) = (curves[0], curves[1], curves[2]);
        for (var i = 0; i < 401; i += 20)
        {
            var x = relu.X[i];
            if (Math.Abs(x) < 1e-9) continue; // the kink: any subgradient will do
            Assert.Equal(Math.Max(0, x), relu.Y[i], 12);
            Assert.Equal(x > 0 ? 1 : 0, relu.Derivative[i], 12);
            Assert.Equal(x > 0 ? x : 0.2 * x, leaky.Y[i], 12);
            Assert.Equal(x > 0 ? 1 : 0.2, leaky.Derivative[i], 12);
            var s = 1 / (1 + Math.Exp(-x));
            Assert.Equal(s, sigmoid.Y[i], 12);
            Assert.Equal(s * (1 - s), sigmoid.Derivative[i], 12);
        }
        Assert.Equal(0.25, sigmoid.Derivative[200], 12);
    }

    [Fact]
    public void ChartsHaveOneSeriesPerCurveAndFixedRanges()
    {
        var (functions, derivatives) = ActivationCurves.Charts(ActivationCurves.Compute(["relu", "gelu"]));
        Assert.Equal(["ReLU", "GELU (tanh)"], functions.Series.Select(s => s.Name));
        Assert.Equal(["ReLU", "GELU (tanh)"], derivatives.Series.Select(s => s.Name));
        Assert.Equal((-2.0, 5.0), (functions.YRange!.Value.Min, functions.YRange.Value.Max));
        Assert.Equal((-0.25, 2.0), (derivatives.YRange!.Value.Min, derivatives.YRange.Value.Max));
    }
}
