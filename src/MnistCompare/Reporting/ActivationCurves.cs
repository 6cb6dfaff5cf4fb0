using CustomActivations;
using MnistCompare.Evaluation;
using MnistCompare.Reporting.Charts;
using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Reporting;

// Each element-wise activation and its derivative over [−5, 5]; the derivative comes from autograd, so the
// figure shows what backpropagation really sees, kinks and saturation included.
public static class ActivationCurves
{
    public sealed record Curve(string Name, string DisplayName, double[] X, double[] Y, double[] Derivative);

    public static IReadOnlyList<Curve> Compute(IEnumerable<string> names, int points = 401, double from = -5, double to = 5)
    {
        var curves = new List<Curve>();
        foreach (var name in names)
        {
            var spec = ActivationRegistry.Parse(name);
            if (!ElementwiseActivation.Is(spec)) continue;
            using var scope = NewDisposeScope();
            random.manual_seed(0);
            using var module = spec.CreateModule();
            module.eval();
            var x = linspace(from, to, points, ScalarType.Float64).requires_grad_();
            var y = module.to(ScalarType.Float64).call(x);
            y.sum().backward();
            curves.Add(new Curve(name, spec.DisplayName, x.detach().data<double>().ToArray(), y.detach().data<double>().ToArray(),
                x.grad!.data<double>().ToArray()));
        }
        return curves;
    }

    public static (LineChart Functions, LineChart Derivatives) Charts(IReadOnlyList<Curve> curves)
    {
        LineChart Chart(string title, string yLabel, Func<Curve, double[]> values) =>
            new(title, "x", yLabel, curves.Select((c, i) => new Series(c.DisplayName, i,
                c.X.Zip(values(c), (x, y) => new SeriesPoint(x, y)).ToList())).ToList())
            {
                YRange = new ValueRange(-2, 5),
            };
        return (Chart("Activation functions", "f(x)", c => c.Y), Chart("Their derivatives (autograd)", "f′(x)", c => c.Derivative) with { YRange = new ValueRange(-0.25, 2.0) });
    }
}
