namespace MnistCompare.Model;

// The arithmetic of a training. Bf16 is mixed precision: the weights, their gradients and Adam's state stay float32;
// only the network's compute runs in bfloat16 (see MixedPrecision).
public enum Precision
{
    Fp32,
    Bf16,
}
