using static TorchSharp.torch;

namespace CustomActivations.Tests;

// The worked example of the reference notes (000_f4005534f3b5ddf7.txt): x = [-2, -1, 0, 2, 3, 5] in float16, each
// activation's values to float16 precision (about 3 significant digits). The notes print 0.8804 for sigmoid(2), a
// typo: σ(2) = 0.88080.
public class WorkedExampleTests
{
    private static readonly float[] X = { -2f, -1f, 0f, 2f, 3f, 5f };

    public static TheoryData<string, double[]> Examples() => new()
    {
        { "relu", new[] { 0, 0, 0, 2.0, 3, 5 } },
        { "leaky-relu:0.2", new[] { -0.4, -0.2, 0, 2, 3, 5 } },
        { "gelu", new[] { -0.0454, -0.1589, 0, 1.955, 2.996, 5.0 } },
        { "tanh", new[] { -0.964, -0.7617, 0, 0.964, 0.995, 1.0 } },
        { "sigmoid", new[] { 0.1192, 0.2688, 0.5, 0.8808, 0.9526, 0.993 } },
        { "softmax:0", new[] { 7.625e-04, 2.073e-03, 5.634e-03, 4.163e-02, 1.132e-01, 8.364e-01 } },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void MatchesTheNotesToFloat16Precision(string name, double[] expected)
    {
        using var scope = NewDisposeScope();
        // libtorch 1.13 has no float16 kernels on the CPU: the float16 inputs go through float32 and the results are
        // rounded back to float16, which is what the notes' numpy float16 table shows.
        var x = tensor(X).to(ScalarType.Float16).to(ScalarType.Float32);
        using var module = ActivationRegistry.Create(name);
        var y = module.call(x).to(ScalarType.Float16);
        var actual = TensorAssert.Values(y);
        for (var i = 0; i < expected.Length; i++)
        {
            var tolerance = 2e-3 * Math.Abs(expected[i]) + 1e-4;
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance, $"{name}({X[i]}) = {actual[i]}, the notes say {expected[i]}");
        }
    }
}
