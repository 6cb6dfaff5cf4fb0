using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Evaluation;

// What one hidden layer's activation does to a batch: the mean and spread of its output, the units that never fire,
// and the outputs where the activation's slope is so small that almost no gradient passes back through them.
public sealed record LayerStatistics(double Mean, double StandardDeviation, double DeadFraction, double SaturatedFraction)
{
    // "Saturated" means a slope below this share of the activation's steepest slope.
    public const double SaturationShare = 0.01;

    // The pre-activations over which an activation's steepest slope is looked for: wide enough that every activation
    // of the registry has reached its asymptotes, fine enough to catch a kink's one-sided slopes near 0.
    private const double SlopeSearchLimit = 20;
    private const int SlopeSearchPoints = 4001;

    // `preActivation` is what the layer fed into `activation`, `output` what came out. A unit is one channel of a
    // convolution (one filter; a single position can be silent merely because MNIST's borders are blank) or one
    // neuron of a dense layer; it is dead when it is exactly zero at every position of every probe image.
    public static LayerStatistics Measure(Tensor preActivation, nn.Module<Tensor, Tensor> activation, Tensor output, bool elementwise)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        // libtorch sums float32 pairwise, close enough for a mean and spread; a float64 copy of conv2's output would
        // cost more than the rest of the probe.
        var mean = output.mean().ToDouble();
        var std = output.std(unbiased: false).ToDouble();
        var everyDimensionButUnits = Enumerable.Range(0, (int)output.dim()).Where(d => d != 1).Select(d => (long)d).ToArray();
        var dead = Share(output.abs().amax(everyDimensionButUnits).eq(0));
        var saturated = elementwise ? MeasureSaturation(preActivation, activation) : double.NaN;
        return new LayerStatistics(mean, std, dead, saturated);
    }

    // The share of outputs whose |f′(x)| is below 1% of the activation's steepest slope. The steepest slope is the
    // activation's own (0.25 for sigmoid, 1 for ReLU, λα ≈ 1.76 for SELU just left of 0, about 1.13 for GELU), found
    // over a wide grid of inputs, or the steepest the probe itself met if that is larger (an activation whose slope
    // keeps growing has no maximum of its own). Slopes come from autograd on the activation module itself, so
    // learned parameters (PReLU's slopes, a learnable swish's β) count as they are now.
    //
    // The probe's slopes are taken a few images at a time, twice (once for the steepest, once to count): autograd
    // over all 256 images of conv2 held about 250 MB at once, the highest peak of a whole run's memory.
    public static double MeasureSaturation(Tensor preActivation, nn.Module<Tensor, Tensor> activation)
    {
        using var scope = NewDisposeScope();
        var grid = linspace(-SlopeSearchLimit, SlopeSearchLimit, SlopeSearchPoints, dtype: preActivation.dtype, device: preActivation.device);
        var channels = preActivation.shape[1];
        var gridShape = new long[preActivation.dim()];
        Array.Fill(gridShape, 1L);
        gridShape[0] = SlopeSearchPoints;
        var gridInputs = grid.reshape(gridShape).expand(SlopeSearchShape(gridShape, channels)).contiguous();
        var steepest = Slopes(gridInputs, activation).max().ToDouble();
        foreach (var chunk in Chunks(preActivation)) steepest = Math.Max(steepest, OfChunk(chunk, slopes => slopes.max().ToDouble()));
        if (!(steepest > 0)) return 1;
        var threshold = SaturationShare * steepest;
        var saturated = Chunks(preActivation).Sum(chunk => OfChunk(chunk, slopes => slopes.lt(threshold).sum().ToInt64()));
        return (double)saturated / preActivation.numel();

        T OfChunk<T>(Tensor chunk, Func<Tensor, T> measure)
        {
            using var chunkScope = NewDisposeScope();
            return measure(Slopes(chunk, activation));
        }
    }

    private const long ImagesPerChunk = 32;

    private static IEnumerable<Tensor> Chunks(Tensor batch)
    {
        for (long start = 0; start < batch.shape[0]; start += ImagesPerChunk)
            yield return batch.narrow(0, start, Math.Min(ImagesPerChunk, batch.shape[0] - start));
    }

    // The share of true elements: counted as integers, without a float copy of the mask.
    private static double Share(Tensor mask) => (double)mask.sum().ToInt64() / mask.numel();

    private static long[] SlopeSearchShape(long[] gridShape, long channels)
    {
        var shape = (long[])gridShape.Clone();
        shape[1] = channels;
        return shape;
    }

    // |f′(x)| element by element: for an element-wise f the gradient of Σ f(x) with respect to x is exactly f′(x).
    // autograd.grad leaves the module's own parameter gradients alone.
    private static Tensor Slopes(Tensor inputs, nn.Module<Tensor, Tensor> activation)
    {
        using var withGrad = enable_grad();
        var x = inputs.detach().requires_grad_(true);
        var y = activation.call(x);
        var slope = autograd.grad([y], [x], [ones_like(y)])[0];
        return slope.detach().abs();
    }
}
