using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

internal static class Inputs
{
    internal static readonly double[] EdgeValues = { 0, 1e-7, -1e-7, 20, -20, 1e4, -1e4, double.NaN };

    // The same edges without NaN, so one softmax row stays finite.
    internal static readonly double[] FiniteEdgeValues = { 0, 1e-7, -1e-7, 20, -20, 1e4, -1e4, 3 };

    internal const long Columns = 8;

    // 100,000 values from N(0, 4²) then the edge rows, as a [12502, 8] tensor.
    internal static Tensor RandomWithEdges(ScalarType dtype, long seed = 1234)
    {
        using var generator = new Generator((ulong)seed);
        using var random = randn(new long[] { 100_000 }, ScalarType.Float64, generator: generator);
        random.mul_(4.0);
        using var edges = tensor(EdgeValues.Concat(FiniteEdgeValues).ToArray(), ScalarType.Float64);
        using var all = cat(new[] { random, edges }, 0);
        return all.reshape(-1, Columns).to(dtype);
    }

    internal static bool[] NaNMask(Tensor x) => TensorAssert.Values(x).Select(double.IsNaN).ToArray();
}
