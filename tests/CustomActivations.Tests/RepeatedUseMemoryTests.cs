using System.Runtime;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace CustomActivations.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FinalizerCountCollection
{
    public const string Name = "finalizer count";
}

// A training step must not leave native leftovers for .NET's finaliser. Those that wait for it (TorchSharp's
// implicitly converted Scalars were the case) sit among the tensors' freed blocks until a collection and keep the
// native heap from reusing them: before the activations cached their Scalars, SELU grew the heap by about 10 MB per
// step of the tutorial's size while no collection ran, and the default run peaked at 4.4 GB resident. TorchSharp's
// own machinery leaves a few objects per step (seven for a custom autograd function and its backward), so each
// module is held to its simplest kin: the custom-function activations to ReLU, alpha dropout to libtorch's dropout.
// PReLU and softmax leave one more per step than ReLU (not traced; neither is among the tutorial's six), so they are
// not listed. Counted as the objects a full collection finds waiting for finalisation: exact, unlike resident memory.
[Collection(FinalizerCountCollection.Name)]
public sealed class RepeatedUseMemoryTests
{
    private const int Steps = 100;

    private readonly ITestOutputHelper output;

    public RepeatedUseMemoryTests(ITestOutputHelper output) => this.output = output;

    [Theory]
    [InlineData("selu", "relu")]
    [InlineData("elu", "relu")]
    [InlineData("leaky-relu:0.2", "relu")]
    [InlineData("alpha-dropout", "dropout")]
    [InlineData("gelu", "relu")]
    [InlineData("sigmoid", "relu")]
    [InlineData("tanh", "relu")]
    [InlineData("mish", "relu")]
    [InlineData("softplus", "relu")]
    [InlineData("swish", "relu")]
    [InlineData("gelu-erf", "relu")]
    public void TrainingStepsLeaveNoMoreForTheFinalizerThanTheSimplestKin(string name, string kin)
    {
        var left = LeftForTheFinalizer(name);
        var baseline = LeftForTheFinalizer(kin);
        output.WriteLine($"{name}: {left} objects waiting for the finaliser after {Steps} steps; {kin}: {baseline}");
        Assert.True(left <= baseline + Steps / 10,
            $"{name} left {left} objects for the finaliser in {Steps} forward and backward passes, {kin} {baseline}");
    }

    private static long LeftForTheFinalizer(string name)
    {
        manual_seed(11);
        using var input = randn(16, 64, 12, 12);
        using var module = name switch
        {
            "alpha-dropout" => new SelfNormalizingDropout(0.25),
            "dropout" => nn.Dropout(0.25),
            _ => ActivationRegistry.Parse(name).CreateModule(64),
        };
        module.train();

        void Step()
        {
            using var scope = NewDisposeScope();
            var x = input.detach().requires_grad_(true);
            module.call(x).sum().backward();
        }

        Step();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var heldOff = GC.TryStartNoGCRegion(32L * 1024 * 1024);
        try
        {
            for (var i = 0; i < Steps; i++) Step();
        }
        finally
        {
            if (heldOff && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        Assert.True(heldOff, "could not hold the garbage collector off for the measured steps");
        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        return GC.GetGCMemoryInfo(GCKind.Any).FinalizationPendingCount;
    }
}
