using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MnistCompare.Model;

// Every cast of mixed-precision training, in one place. TorchSharp 0.107 has no autocast, so this does by hand what
// PyTorch's CPU autocast does for this network: convolutions and linear layers take bfloat16 copies of their input
// and of the float32 weights, and their bfloat16 output flows on through activations, pooling and dropout; the logits
// go back to float32 before log-softmax, so the loss and its gradient are float32. The casts are ops of the graph,
// so backward turns the weights' gradients back into float32 and Adam updates float32 master weights. Keeping the
// activations in bfloat16 (rather than casting back after every layer) halves their memory traffic and saves a cast
// pair per layer each way; it is also what the PyTorch reference does under autocast.
public sealed class MixedPrecision
{
    public MixedPrecision(Precision precision) => Precision = precision;

    public Precision Precision { get; }

    private bool Reduced => Precision == Precision.Bf16;

    public Tensor Convolve(Conv2d layer, Tensor input)
    {
        if (!Reduced) return layer.call(input);
        using var weight = layer.weight.to(bfloat16);
        using var bias = layer.bias?.to(bfloat16);
        using var x = input.to(bfloat16);
        return nn.functional.conv2d(x, weight, bias, layer.stride, layer.padding, layer.dilation, layer.groups);
    }

    public Tensor Project(Linear layer, Tensor input)
    {
        if (!Reduced) return layer.call(input);
        using var weight = layer.weight.to(bfloat16);
        using var bias = layer.bias?.to(bfloat16);
        using var x = input.to(bfloat16);
        return nn.functional.linear(x, weight, bias);
    }

    // Log-softmax and the loss need float32's range and resolution: a bfloat16 logit carries about 3 significant digits.
    public static Tensor ForLoss(Tensor logits) => logits.to(float32);
}
