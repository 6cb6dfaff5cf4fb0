using CustomActivations;
using MnistCompare.Data;
using MnistCompare.Model;
using static TorchSharp.torch;

namespace MnistCompare.Evaluation;

// A fixed batch of validation images run through the model after every epoch, in eval mode, to see what each hidden
// layer's activation does. Always the same images, so that epochs, activations and seeds are measured alike.
public sealed class ActivationProbe : IDisposable
{
    // Enough images that a unit silent on all of them is silent on nearly everything (a rarer unit still counts as
    // alive), few enough that a probe costs a fraction of the validation pass.
    public const int Size = 256;

    private readonly Tensor images;

    public ActivationProbe(DatasetSplit validation)
    {
        images = validation.Images(0, Math.Min(Size, validation.Count)).DetachFromDisposeScope();
    }

    public IReadOnlyList<(string Layer, LayerStatistics Statistics)> Measure(TutorialCnn model, ActivationChoice activation)
    {
        var elementwise = ElementwiseActivation.Is(activation);
        var measured = new List<(string, LayerStatistics)>();
        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.forward(images, (layer, preActivation, module, output) =>
                measured.Add((layer, LayerStatistics.Measure(preActivation, module, output, elementwise))));
        }
        finally
        {
            model.train(wasTraining);
        }
        return measured;
    }

    public void Dispose() => images.Dispose();
}
