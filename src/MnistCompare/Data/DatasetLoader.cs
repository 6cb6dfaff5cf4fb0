using static TorchSharp.torch;

namespace MnistCompare.Data;

// Loads the four IDX files of an MNIST-style dataset into tensors. All checks on the files (shapes, counts,
// labels, --train-limit) run before any tensor exists, so a bad dataset fails fast and leaks nothing; the tensors
// are then built whole, one native copy per split instead of per-image work.
public static class DatasetLoader
{
    public const int ClassCount = 10;

    public const string TrainLimitOption = "--train-limit";

    // Locates the dataset the way the app does (see DatasetLocator.FromEnvironment) and loads it.
    public static MnistDataset Load(string nameOrDirectory, DatasetLoadOptions? options = null) =>
        Load(DatasetLocator.FromEnvironment().Locate(nameOrDirectory), options);

    // Throws DatasetNotFoundException (missing folder or files), IdxFormatException (a malformed or inconsistent
    // file, naming it) or ArgumentOutOfRangeException (a --train-limit the dataset cannot satisfy).
    public static MnistDataset Load(DatasetSource source, DatasetLoadOptions? options = null)
    {
        options ??= DatasetLoadOptions.Default;
        // Checked before reading ~55 MB: this bound does not depend on the files.
        if (options.TrainLimit is { } limit && limit <= 0)
        {
            throw new ArgumentOutOfRangeException(null, $"{TrainLimitOption} must be at least 1 (got {limit})");
        }

        var files = DatasetFiles.Find(source);
        var trainImages = IdxReader.Read(files.TrainImages);
        var trainLabels = IdxReader.Read(files.TrainLabels);
        var testImages = IdxReader.Read(files.TestImages);
        var testLabels = IdxReader.Read(files.TestLabels);

        CheckPair(trainImages, trainLabels);
        CheckPair(testImages, testLabels);
        if (testImages.Dimensions[1] != trainImages.Dimensions[1] || testImages.Dimensions[2] != trainImages.Dimensions[2])
        {
            throw new IdxFormatException(testImages.Path,
                $"test images are {ImageSize(testImages)} but the training images in {trainImages.Path} are {ImageSize(trainImages)}");
        }

        var available = trainImages.Dimensions[0];
        var trainCount = options.TrainLimit ?? available;
        if (trainCount > available)
        {
            throw new ArgumentOutOfRangeException(null,
                $"{TrainLimitOption} {trainCount} is more than the {available} training images of '{source.Name}' " +
                $"({trainImages.Path}); use 1 to {available}");
        }

        var train = ToSplit(trainImages, trainLabels, trainCount, options.Normalization);
        try
        {
            var test = ToSplit(testImages, testLabels, testImages.Dimensions[0], options.Normalization);
            return new MnistDataset(source, train, test);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    // Images N×H×W and labels N, with the same N and every label a class index.
    private static void CheckPair(IdxFile images, IdxFile labels)
    {
        if (images.Rank != 3)
        {
            throw new IdxFormatException(images.Path,
                $"expected images of rank 3 (N×H×W), but the header declares rank {images.Rank} ({images.DimensionsText})");
        }
        if (labels.Rank != 1)
        {
            throw new IdxFormatException(labels.Path,
                $"expected labels of rank 1 (N), but the header declares rank {labels.Rank} ({labels.DimensionsText})");
        }
        if (labels.Dimensions[0] != images.Dimensions[0])
        {
            throw new IdxFormatException(labels.Path,
                $"{labels.Dimensions[0]} labels, but {images.Path} holds {images.Dimensions[0]} images ({images.DimensionsText}); " +
                "the counts must match");
        }
        // A label ≥ 10 would otherwise surface much later as an index error deep inside the loss function.
        var data = labels.Data;
        for (var i = 0; i < data.Length; i++)
        {
            if (data[i] >= ClassCount)
            {
                throw new IdxFormatException(labels.Path,
                    $"label {data[i]} at index {i} ({labels.DescribeDataOffset(i)}) is outside 0..{ClassCount - 1}");
            }
        }
    }

    private static string ImageSize(IdxFile images) => $"{images.Dimensions[1]}×{images.Dimensions[2]}";

    // The first `count` images and labels as [count,1,H,W] bytes and [count] int64, in tensors of their own.
    private static DatasetSplit ToSplit(IdxFile images, IdxFile labels, int count, PixelNormalization? normalization)
    {
        var (n, height, width) = (images.Dimensions[0], images.Dimensions[1], images.Dimensions[2]);
        // frombuffer reads the file's bytes where they are (pinned for the moment); one native copy of the part used
        // then lets the managed array go.
        using var scope = NewDisposeScope();
        var pixels = frombuffer(images.Data, ScalarType.Byte).view(n, 1, height, width).narrow(0, 0, count).clone();
        var usedLabels = frombuffer(labels.Data, ScalarType.Byte).narrow(0, 0, count).to(ScalarType.Int64);
        // The split detaches both from the scope; everything else made here is disposed with it.
        return new DatasetSplit(pixels, usedLabels, normalization);
    }
}
