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
        byte[] pixels;
        // One gather and one host transfer for all of them, of the files' own bytes.
        using (var scope = NewDisposeScope())
        {
            var indices = tensor(worst.Select(p => (long)p.Index).ToArray(), device: images.Pixels.device);
            pixels = images.Pixels.index_select(0, indices).cpu().contiguous().data<byte>().ToArray();
        }
        var size = height * width;
        return worst.Select((p, k) => new ConfidentMistake(p.Index, predictions.Labels[p.Index], p.Predicted, p.Confidence, width, height,
            pixels.AsSpan(k * size, size).ToArray())).ToList();
    }
}
