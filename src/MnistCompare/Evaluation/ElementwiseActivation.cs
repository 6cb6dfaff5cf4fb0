using CustomActivations;

namespace MnistCompare.Evaluation;

// Whether an activation maps each input to one output on its own, so that it has a derivative f′(x) to plot or to
// test for saturation. Softmax normalises across a vector and maxout reduces groups of channels: neither does.
public static class ElementwiseActivation
{
    public static bool Is(ActivationChoice activation) => activation.WidthMultiplier == 1 && activation.Spec.Name != "softmax";
}
