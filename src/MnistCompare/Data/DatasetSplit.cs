using static TorchSharp.torch;

namespace MnistCompare.Data;

// One split of a dataset (training, test or a holdout) as two tensors resident in memory: Images
// [N,1,H,W] float32 and Labels [N] int64. The split owns both tensors and disposes them with itself; they are
// kept out of any dispose scope, so a caller's scope cannot free them behind the split's back.
public sealed class DatasetSplit : IDisposable
{
    // Takes ownership of both tensors (they are detached from the current dispose scope, if any).
    public DatasetSplit(Tensor images, Tensor labels)
    {
        if (images.ndim != 4 || images.shape[1] != 1)
        {
            throw new ArgumentException($"images must be [N,1,H,W]; got [{string.Join(",", images.shape)}]", nameof(images));
        }
        if (images.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"images must be Float32; got {images.dtype}", nameof(images));
        }
        if (labels.ndim != 1 || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"labels must be a 1-D Int64 tensor; got [{string.Join(",", labels.shape)}] {labels.dtype}", nameof(labels));
        }
        if (images.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"{images.shape[0]} images but {labels.shape[0]} labels", nameof(labels));
        }
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
    }

    // [N,1,H,W] float32.
    public Tensor Images { get; }

    // [N] int64, class indices.
    public Tensor Labels { get; }

    public int Count => (int)Labels.shape[0];

    public int Height => (int)Images.shape[2];

    public int Width => (int)Images.shape[3];

    // Items start .. start+count−1 as a new split sharing this one's memory (narrow makes views, not copies),
    // so slicing costs nothing; the slice must be disposed by the caller like any split, and stays valid after
    // this split is disposed (libtorch reference-counts the storage).
    public DatasetSplit Slice(int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"slice {start}..{start + count} is outside 0..{Count}");
        }
        var images = Images.narrow(0, start, count);
        try
        {
            return new DatasetSplit(images, Labels.narrow(0, start, count));
        }
        catch
        {
            images.Dispose();
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
        Images.Dispose();
        Labels.Dispose();
    }
}
