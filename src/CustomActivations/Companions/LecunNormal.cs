using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CustomActivations;

/// <summary>
/// LeCun-normal initialisation, SELU's companion: weights ~ N(0, 1/fan_in), biases 0. With it a stack of SELU layers
/// keeps its activations near mean 0 and variance 1.
/// </summary>
public static class LecunNormal
{
    /// <summary>
    /// Initialises <paramref name="module"/> and every module inside it that is a linear or convolution layer; other
    /// modules are left as they are. Returns how many layers were initialised.
    /// </summary>
    public static int Apply(nn.Module module, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        var count = 0;
        foreach (var m in module.modules().Prepend(module))
        {
            switch (m)
            {
                case Linear linear:
                    Initialize(linear.weight, linear.bias, generator);
                    count++;
                    break;
                case Convolution convolution:
                    Initialize(convolution.weight, convolution.bias, generator);
                    count++;
                    break;
            }
        }
        return count;
    }

    /// <summary>Fills <paramref name="weight"/> (at least 2-D: [out, in, …]) from N(0, 1/fan_in) and zeroes <paramref name="bias"/>.</summary>
    public static void Initialize(Tensor weight, Tensor? bias = null, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var (fanIn, _) = nn.init.CalculateFanInAndFanOut(weight);
        if (fanIn <= 0) throw new ArgumentException("LeCun-normal initialisation needs a weight with a non-zero fan-in.", nameof(weight));
        nn.init.normal_(weight, 0.0, 1.0 / Math.Sqrt(fanIn), generator);
        if (bias is not null) nn.init.zeros_(bias);
    }
}
