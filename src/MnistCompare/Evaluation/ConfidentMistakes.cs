using MnistCompare.Data;
using static TorchSharp.torch;

namespace MnistCompare.Evaluation;

// The images a model gets wrong with the highest confidence: the mistakes most worth looking at.
public static class ConfidentMistakes
{
    public static IReadOnlyList<ConfidentMistake> Find(SplitPredictions predictions, DatasetSplit images, int count)
    {
        var worst = Enumerable.Range(0, predictions.Count)
            .Select(i => (Index: i, Predicted: predictions.Predicted(i)))
            .Where(p => p.Predicted != predictions.Labels[p.Index])
            .Select(p => (p.Index, p.Predicted, Confidence: predictions.Row(p.Index)[p.Predicted]))
            .OrderByDescending(p => p.Confidence)
            .ThenBy(p => p.Index)
            .Take(count)
            .ToList();
        if (worst.Count == 0) return [];

        var (height, width) = (images.Height, images.Width);
        float[] pixels;
        // One gather and one host transfer for all of them.
        using (var scope = NewDisposeScope())
        {
            var indices = tensor(worst.Select(p => (long)p.Index).ToArray(), device: images.Images.device);
            pixels = images.Images.index_select(0, indices).to(float32).cpu().contiguous().data<float>().ToArray();
        }
        var size = height * width;
        return worst.Select((p, k) => new ConfidentMistake(p.Index, predictions.Labels[p.Index], p.Predicted, p.Confidence, width, height,
            GreyLevels(pixels.AsSpan(k * size, size)))).ToList();
    }

    // The tensor may be scaled to [0, 1] or standardised; the picture only needs its own darkest and lightest.
    private static byte[] GreyLevels(ReadOnlySpan<float> values)
    {
        var (low, high) = (float.PositiveInfinity, float.NegativeInfinity);
        foreach (var v in values)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }
        var range = high > low ? high - low : 1;
        var grey = new byte[values.Length];
        for (var i = 0; i < values.Length; i++) grey[i] = (byte)Math.Round(255 * (values[i] - low) / range);
        return grey;
    }
}
