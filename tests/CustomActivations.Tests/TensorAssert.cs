using TorchSharp;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

// Element-wise comparisons that name the worst element when they fail.
internal static class TensorAssert
{
    internal static double[] Values(Tensor t)
    {
        using var d = t.detach().to(ScalarType.Float64).contiguous();
        using var flat = d.reshape(-1);
        return flat.data<double>().ToArray();
    }

    // |actual − expected| ≤ atol + rtol·|expected| wherever expected is a number; NaN exactly where expected is NaN.
    // Positions where skip is true are not compared.
    internal static void Close(Tensor actual, Tensor expected, double rtol, double atol, string what, bool[]? skip = null)
    {
        Assert.Equal(expected.shape, actual.shape);
        var a = Values(actual);
        var e = Values(expected);
        var worst = -1;
        var worstExcess = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            if (skip is not null && skip[i]) continue;
            if (double.IsNaN(e[i]) || double.IsNaN(a[i]))
            {
                Assert.True(double.IsNaN(e[i]) && double.IsNaN(a[i]), $"{what}: element {i} is {a[i]}, expected {e[i]}");
                continue;
            }
            if (a[i] == e[i]) continue;
            var excess = Math.Abs(a[i] - e[i]) - (atol + rtol * Math.Abs(e[i]));
            if (excess > worstExcess || double.IsNaN(excess))
            {
                worstExcess = double.IsNaN(excess) ? double.PositiveInfinity : excess;
                worst = i;
            }
        }
        Assert.True(worst < 0, worst < 0 ? "" : $"{what}: element {worst} is {a[worst]:R}, expected {e[worst]:R} (rtol {rtol}, atol {atol})");
    }

    internal static void AllFinite(Tensor t, string what)
    {
        var v = Values(t);
        var bad = Array.FindIndex(v, x => !double.IsFinite(x));
        Assert.True(bad < 0, bad < 0 ? "" : $"{what}: element {bad} is {v[bad]}");
    }
}
