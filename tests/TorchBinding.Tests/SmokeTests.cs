using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchBinding.Tests;

public class SmokeTests
{
    [Fact]
    public void AddsAndReadsBack()
    {
        using var a = tensor(new float[] { 1, 2, 3 });
        using var b = a * 2 + 1;
        Assert.Equal(new float[] { 3, 5, 7 }, b.data<float>().ToArray());
    }

    [Fact]
    public void ShapeMismatchRaisesExternalException()
    {
        using var a = zeros(2, 3);
        using var b = zeros(4, 5);
        var e = Assert.Throws<ExternalException>(() => a.matmul(b));
        Assert.Contains("shapes cannot be multiplied", e.Message);
    }
}
