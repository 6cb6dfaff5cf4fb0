using CustomActivations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MnistCompare.Model;

// The tutorial's network: two 3×3 convolutions, max-pooling, two dense layers, log-softmax over 10 classes,
// with the activation under comparison after each hidden layer. The activation decides its companions: SELU
// brings LeCun-normal initialisation and alpha dropout; maxout(k) widens each layer before it k-fold. The precision
// decides only how the layers compute (MixedPrecision); the weights are float32 either way, so a file saved from a
// bf16 training loads into a float32 network and back.
public sealed class TutorialCnn : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Module<Tensor, Tensor> act1;
    private readonly Conv2d conv2;
    private readonly Module<Tensor, Tensor> act2;
    private readonly MaxPool2d pool;
    private readonly Module<Tensor, Tensor> dropout1;
    private readonly Flatten flatten;
    private readonly Linear fc1;
    private readonly Module<Tensor, Tensor> act3;
    private readonly Module<Tensor, Tensor> dropout2;
    private readonly Linear fc2;
    private readonly MixedPrecision compute;

    public TutorialCnn(ActivationChoice activation, int imageSize = 28, Precision precision = Precision.Fp32) : base(nameof(TutorialCnn))
    {
        compute = new MixedPrecision(precision);
        var k = activation.WidthMultiplier;
        var pooledSize = (imageSize - 4) / 2;
        conv1 = Conv2d(1, 32 * k, 3);
        act1 = activation.CreateModule(32);
        conv2 = Conv2d(32, 64 * k, 3);
        act2 = activation.CreateModule(64);
        pool = MaxPool2d(2);
        dropout1 = activation.CreateDropout(0.25);
        flatten = Flatten();
        fc1 = Linear(64L * pooledSize * pooledSize, 128 * k);
        act3 = activation.CreateModule(128);
        dropout2 = activation.CreateDropout(0.5);
        fc2 = Linear(128, 10);
        RegisterComponents();
        foreach (var layer in new Module[] { conv1, conv2, fc1, fc2 }) activation.ApplyInit(layer);
    }

    public override Tensor forward(Tensor input) => Forward(input, observeHidden: null);

    // The same pass, showing each hidden layer to `observeHidden` as it goes: what the layer fed its activation, the
    // activation module and what came out (the training diagnostics measure them). The tensors live until it returns.
    public Tensor forward(Tensor input, HiddenLayerObserver observeHidden) => Forward(input, observeHidden);

    public delegate void HiddenLayerObserver(string layer, Tensor preActivation, Module<Tensor, Tensor> activation, Tensor output);

    // The layers followed by the activation under comparison, in the order of the pass.
    public static readonly IReadOnlyList<string> HiddenLayers = ["conv1", "conv2", "fc1"];

    public IReadOnlyList<(string Layer, Parameter Weight)> HiddenLayerWeights() =>
        [("conv1", conv1.weight!), ("conv2", conv2.weight!), ("fc1", fc1.weight!)];

    private Tensor Forward(Tensor input, HiddenLayerObserver? observeHidden)
    {
        using var scope = NewDisposeScope();
        var x = Activate("conv1", compute.Convolve(conv1, input), act1, observeHidden);
        x = Activate("conv2", compute.Convolve(conv2, x), act2, observeHidden);
        x = dropout1.call(pool.call(x));
        x = Activate("fc1", compute.Project(fc1, flatten.call(x)), act3, observeHidden);
        x = compute.Project(fc2, dropout2.call(x));
        return MixedPrecision.ForLoss(x).log_softmax(1).MoveToOuterDisposeScope();
    }

    public Precision Precision => compute.Precision;

    private static Tensor Activate(string layer, Tensor preActivation, Module<Tensor, Tensor> activation, HiddenLayerObserver? observeHidden)
    {
        var output = activation.call(preActivation);
        observeHidden?.Invoke(layer, preActivation, activation, output);
        return output;
    }

    public long ParameterCount() => parameters().Sum(p => p.numel());
}
