using TorchSharp;
using static TorchSharp.torch;

namespace MnistCompare.Data;

// One split of a dataset (training, test or a holdout) resident in memory: Pixels [N,1,H,W] as the files' bytes and
// Labels [N] int64. The pixels stay bytes, a quarter of float32: MNIST's training images are the largest tensor of a
// run, 47 MB this way against 188 MB converted. Images(...) converts just the items a batch needs, with the same
// operations in the same order as a whole-split conversion, so every value is the same to the last bit.
// The split owns both tensors and disposes them with itself; they are kept out of any dispose scope, so a caller's
// scope cannot free them behind the split's back.
public sealed class DatasetSplit : IDisposable
{
    private static readonly Scalar ByteMaximum = 255f.ToScalar();

    // Made once rather than per batch: TorchSharp frees Scalars only in finalisers (see CustomActivations/Scalars.cs).
    private readonly Scalar? mean;
    private readonly Scalar? std;

    // Takes ownership of both tensors (they are detached from the current dispose scope, if any).
    public DatasetSplit(Tensor pixels, Tensor labels, PixelNormalization? normalization)
    {
        if (pixels.ndim != 4 || pixels.shape[1] != 1)
        {
            throw new ArgumentException($"pixels must be [N,1,H,W]; got [{string.Join(",", pixels.shape)}]", nameof(pixels));
        }
        if (pixels.dtype != ScalarType.Byte)
        {
            throw new ArgumentException($"pixels must be bytes (Byte); got {pixels.dtype}", nameof(pixels));
        }
        if (labels.ndim != 1 || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"labels must be a 1-D Int64 tensor; got [{string.Join(",", labels.shape)}] {labels.dtype}", nameof(labels));
        }
        if (pixels.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"{pixels.shape[0]} images but {labels.shape[0]} labels", nameof(labels));
        }
        Pixels = pixels.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        Normalization = normalization;
        if (normalization is not null)
        {
            mean = normalization.Mean.ToScalar();
            std = normalization.Std.ToScalar();
        }
    }

    // [N,1,H,W] bytes, 0..255 as in the files.
    public Tensor Pixels { get; }

    // [N] int64, class indices.
    public Tensor Labels { get; }

    // Applied by Images(...) after scaling to [0,1]; null when the images stay in [0,1].
    public PixelNormalization? Normalization { get; }

    public int Count => (int)Labels.shape[0];

    public int Height => (int)Pixels.shape[2];

    public int Width => (int)Pixels.shape[3];

    // Items start .. start+count−1 as the model's input: [count,1,H,W] float32 in [0,1] or normalised.
    public Tensor Images(long start, long count)
    {
        using var bytes = Pixels.narrow(0, start, count);
        return ToFloat(bytes);
    }

    // The items at `indices` (a 1-D int64 tensor on the split's device) as the model's input, in that order.
    public Tensor Images(Tensor indices)
    {
        using var bytes = Pixels.index_select(0, indices);
        return ToFloat(bytes);
    }

    private Tensor ToFloat(Tensor bytes)
    {
        var images = bytes.to(ScalarType.Float32).div_(ByteMaximum);
        return mean is null ? images : images.sub_(mean).div_(std!);
    }

    // Items start .. start+count−1 as a new split sharing this one's memory (narrow makes views, not copies),
    // so slicing costs nothing; the slice must be disposed by the caller like any split, and stays valid after
    // this split is disposed (libtorch reference-counts the storage).
    public DatasetSplit Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"slice {start}..{start + count} is outside 0..{Count}");
        }
        var pixels = Pixels.narrow(0, start, count);
        try
        {
            return new DatasetSplit(pixels, Labels.narrow(0, start, count), Normalization);
        }
        catch
        {
            pixels.Dispose();
            throw;
        }
    }

    // The last `count` items become the validation set, the rest stay for training: a fixed split (no shuffling)
    // so that every run and every activation validates on the same images. Both are views (see Slice).
    public (DatasetSplit Train, DatasetSplit Validation) SplitHoldout(int count)
    {
        if (count <= 0 || count >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"a holdout of {count} images needs 1 ≤ holdout < {Count} (the number of training images)");
        }
        var train = Slice(0, Count - count);
        try
        {
            return (train, Slice(Count - count, count));
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Pixels.Dispose();
        Labels.Dispose();
        mean?.Dispose();
        std?.Dispose();
    }
}
