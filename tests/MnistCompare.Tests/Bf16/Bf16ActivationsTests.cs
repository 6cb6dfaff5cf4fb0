using MnistCompare.Tests.Cli;
using Precision = MnistCompare.Model.Precision;
using CustomActivations;
using TorchSharp;
using MnistCompare.Model;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Bf16;

// Every activation of the registry, custom autograd functions and learnable parameters included, inside the bf16
// network: the forward pass computes in bfloat16, the loss comes out float32 and finite, and backward leaves float32
// gradients on every (float32) weight, which is what Adam needs.
// libtorch's global generator (seeded here, drawn by dropout) is shared by the whole test process: no other test may
// run beside these.
[Collection(AppCollection.Name)]
public sealed class Bf16ActivationsTests
{
    // Every name with its default parameter, and the parameters that add learnable weights.
    public static TheoryData<string> Activations() => new(ActivationRegistry.Names.Concat(["prelu:channel", "swish:learnable", "maxout:3"]));

    [Theory]
    [MemberData(nameof(Activations))]
    public void TrainsAStepInBf16WithFloat32WeightsAndGradients(string activation)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var model = new TutorialCnn(ActivationRegistry.Parse(activation), precision: Precision.Bf16);
        var images = rand(16, 1, 28, 28);
        var labels = randint(10, new long[] { 16 });

        var output = model.call(images);
        var loss = nn.functional.nll_loss(output, labels);
        loss.backward();

        Assert.Equal(ScalarType.Float32, output.dtype);
        Assert.True(double.IsFinite(loss.ToDouble()), $"{activation}: loss {loss.ToDouble()}");
        Assert.All(model.parameters(), p =>
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.NotNull(p.grad);
            Assert.Equal(ScalarType.Float32, p.grad!.dtype);
        });
    }

    [Fact]
    public void Bf16ComputesDifferentlyFromFp32OnTheSameWeights()
    {
        using var scope = NewDisposeScope();
        random.manual_seed(3);
        using var fp32 = new TutorialCnn(ActivationRegistry.Parse("gelu"));
        using var bf16 = new TutorialCnn(ActivationRegistry.Parse("gelu"), precision: Precision.Bf16);
        bf16.load_state_dict(fp32.state_dict());
        fp32.eval();
        bf16.eval();
        var images = rand(8, 1, 28, 28);

        var exact = fp32.call(images);
        var reduced = bf16.call(images);

        // About three significant digits: close, not equal.
        Assert.False(exact.eq(reduced).all().item<bool>());
        Assert.True(exact.allclose(reduced, rtol: 0, atol: 0.05), $"largest difference {(exact - reduced).abs().max().ToSingle()}");
    }
}
