using CustomActivations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MnistCompare.Circles;

// A multilayer perceptron from the plane to one logit: 2 → hidden widths (each followed by the activation) → 1.
// It returns the logit rather than the probability because binary cross-entropy on logits is the numerically
// stable form; callers apply the sigmoid when they want P(inner ring). The activation decides its companions as
// in the CNN: maxout(k) widens each hidden layer k-fold, SELU brings LeCun-normal weights.
public sealed class RingsClassifier : Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    public RingsClassifier(ActivationChoice activation, IReadOnlyList<int> hiddenWidths) : base(nameof(RingsClassifier))
    {
        if (hiddenWidths.Count == 0 || hiddenWidths.Any(w => w < 1))
            throw new ArgumentException("A classifier needs at least one hidden layer, each at least one unit wide.", nameof(hiddenWidths));
        var named = new List<(string, Module<Tensor, Tensor>)>();
        var linears = new List<Linear>();
        long inputs = 2;
        for (var i = 0; i < hiddenWidths.Count; i++)
        {
            var linear = Linear(inputs, (long)hiddenWidths[i] * activation.WidthMultiplier);
            linears.Add(linear);
            named.Add(($"fc{i + 1}", linear));
            named.Add(($"act{i + 1}", activation.CreateModule(hiddenWidths[i])));
            inputs = hiddenWidths[i];
        }
        var output = Linear(inputs, 1);
        linears.Add(output);
        named.Add(("out", output));
        layers = Sequential(named);
        RegisterComponents();
        foreach (var linear in linears) activation.ApplyInit(linear);
    }

    /// <summary>Logits [N] for points [N, 2].</summary>
    public override Tensor forward(Tensor points)
    {
        using var logits = layers.call(points);
        return logits.flatten();
    }

    public long ParameterCount() => parameters().Sum(p => p.numel());
}
