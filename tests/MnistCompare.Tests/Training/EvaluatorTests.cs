using MnistCompare.Tests.Cli;
using CustomActivations;
using MnistCompare.Data;
using MnistCompare.Model;
using MnistCompare.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Training;

// The Evaluator runs in inference mode; every activation's module (custom autograd functions included) must work
// there and give what a plain no_grad pass over the same images gives.
// libtorch's global generator (seeded here, drawn by dropout) is shared by the whole test process: no other test may
// run beside these.
[Collection(AppCollection.Name)]
public sealed class EvaluatorTests
{
    public static TheoryData<string> Activations() => new(ActivationRegistry.Names.Concat(["prelu:channel", "swish:learnable"]));

    [Theory]
    [MemberData(nameof(Activations))]
    public void InferenceModeGivesWhatNoGradGives(string activation)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(5);
        using var model = new TutorialCnn(ActivationRegistry.Parse(activation));
        using var split = new DatasetSplit(randint(256, new long[] { 300, 1, 28, 28 }, ScalarType.Byte), randint(10, new long[] { 300 }), null);

        var evaluation = Evaluator.Evaluate(model, split, 128);
        Assert.True(model.training, "the model goes back to training mode");

        model.eval();
        using (no_grad())
        {
            // The same batches and sums as the Evaluator, so the figures must match exactly.
            double lossSum = 0;
            long correct = 0;
            for (var start = 0; start < 300; start += 128)
            {
                var length = Math.Min(128, 300 - start);
                var output = model.call(split.Images(start, length));
                var labels = split.Labels.narrow(0, start, length);
                lossSum += nn.functional.nll_loss(output, labels, reduction: nn.Reduction.Sum).ToDouble();
                correct += output.argmax(1).eq(labels).sum().ToInt64();
            }
            Assert.Equal(lossSum / 300, evaluation.Loss);
            Assert.Equal(correct / 300.0, evaluation.Accuracy);
        }
    }
}
