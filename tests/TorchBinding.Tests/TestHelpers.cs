using TorchSharp;
using static TorchSharp.torch;

namespace TorchBinding.Tests;

// Tests that touch process-wide state (the global RNG, resident memory) run in this collection, alone, after the
// parallel ones.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}

internal static class Values
{
    // The elements of any real tensor as doubles, in row-major order.
    public static double[] Of(Tensor t)
    {
        using var detached = t.detach();
        using var d = detached.to(ScalarType.Float64);
        using var accessor = d.data<double>();
        return accessor.ToArray();
    }

    public static long[] LongsOf(Tensor t)
    {
        using var detached = t.detach();
        using var d = detached.to(ScalarType.Int64);
        using var accessor = d.data<long>();
        return accessor.ToArray();
    }

    public static bool[] BoolsOf(Tensor t)
    {
        using var accessor = t.data<bool>();
        return accessor.ToArray();
    }

    public static void Close(double[] expected, Tensor actual, double tol = 1e-6) => Close(expected, Of(actual), tol);

    public static void Close(double[] expected, double[] actual, double tol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var bound = tol * Math.Max(1.0, Math.Abs(expected[i]));
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(actual[i]), $"element {i}: expected NaN, got {actual[i]}");
                continue;
            }
            if (double.IsInfinity(expected[i]))
            {
                Assert.Equal(expected[i], actual[i]);
                continue;
            }
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound,
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R} (tolerance {bound:G3})");
        }
    }

    public static void Close(double expected, double actual, double tol = 1e-6) => Close(new[] { expected }, new[] { actual }, tol);

    // Uniform doubles in [low, high) from a seeded System.Random, independent of libtorch's RNG.
    public static double[] Uniform(int seed, int n, double low = -1, double high = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
    }

    // A float64 tensor of the given shape with uniform values from a seeded System.Random.
    public static Tensor Random(int seed, long[] shape, double low = -1, double high = 1, bool requiresGrad = false)
    {
        var n = (int)shape.Aggregate(1L, (a, b) => a * b);
        return tensor(Uniform(seed, n, low, high), shape, requires_grad: requiresGrad);
    }
}

// Checks autograd against central finite differences in float64.
internal static class GradCheck
{
    // For f: R^n → R^m, compares d/dx Σ w ⊙ f(x) from autograd with central differences, where w is a fixed random
    // weighting (so that every output element enters with its own weight). x is float64; f must return float64.
    public static void Check(Func<Tensor, Tensor> f, Tensor x, double eps = 1e-6, double tol = 1e-5, int seed = 7)
    {
        using var scope = NewDisposeScope();
        var point = Values.Of(x);
        var shape = x.shape;

        var input = x.detach().clone().requires_grad_(true);
        var output = f(input);
        Assert.Equal(ScalarType.Float64, output.dtype);
        var weight = tensor(Values.Uniform(seed, (int)output.numel(), 0.5, 1.5), output.shape);
        var objective = (output * weight).sum();
        var grads = autograd.grad(new List<Tensor> { objective }, new List<Tensor> { input }, allow_unused: true);
        var analytic = grads[0] is null ? new double[point.Length] : Values.Of(grads[0]);

        double Evaluate(double[] at)
        {
            using var inner = NewDisposeScope();
            using var _ = no_grad();
            return (f(tensor(at, shape)) * weight).sum().item<double>();
        }

        var numeric = new double[point.Length];
        for (var i = 0; i < point.Length; i++)
        {
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[i] += eps;
            minus[i] -= eps;
            numeric[i] = (Evaluate(plus) - Evaluate(minus)) / (2 * eps);
        }
        Values.Close(numeric, analytic, tol);
    }

    public static void Check(Func<Tensor, Tensor> f, long[] shape, int seed, double low = -1, double high = 1, double tol = 1e-5)
    {
        using var x = Values.Random(seed, shape, low, high);
        Check(f, x, tol: tol, seed: seed + 1);
    }
}

// Reference functions .NET lacks.
internal static class MathRef
{
    // erf by its Maclaurin series; accurate to ~1e-13 for |x| <= 3, which is all the tests use.
    public static double Erf(double x)
    {
        if (Math.Abs(x) > 3) throw new ArgumentOutOfRangeException(nameof(x));
        double sum = 0, term = x;
        for (var n = 0; n < 200; n++)
        {
            var contribution = term / (2 * n + 1);
            sum += contribution;
            if (Math.Abs(contribution) < 1e-17) break;
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    public static double Softplus(double x, double beta = 1, double threshold = 20) =>
        x * beta > threshold ? x : Math.Log(1 + Math.Exp(beta * x)) / beta;
}

// A scratch folder removed with everything in it at the end of a test.
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("torchbinding-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
