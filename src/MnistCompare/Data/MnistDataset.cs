namespace MnistCompare.Data;

// A loaded MNIST-style dataset: its training and test splits as tensors, and where they came from.
public sealed class MnistDataset : IDisposable
{
    public MnistDataset(DatasetSource source, DatasetSplit train, DatasetSplit test)
    {
        if (train.Height != test.Height || train.Width != test.Width)
        {
            throw new ArgumentException($"training images are {train.Height}×{train.Width} but test images {test.Height}×{test.Width}");
        }
        Source = source;
        Train = train;
        Test = test;
    }

    public DatasetSource Source { get; }

    public string Name => Source.Name;

    public DatasetSplit Train { get; }

    public DatasetSplit Test { get; }

    // Null when pixels are in [0,1]; the splits apply it as they convert their bytes.
    public PixelNormalization? Normalization => Train.Normalization;

    // MNIST and Fashion-MNIST are 28×28; other IDX datasets are accepted and their size reported here.
    public int ImageHeight => Train.Height;

    public int ImageWidth => Train.Width;

    // One line for the console and the run's log, e.g. "mnist (/repo/data/mnist): 60000 training and 10000 test
    // images of 28×28, pixels in [0,1]".
    public override string ToString()
    {
        var pixels = Normalization is null ? "pixels in [0,1]" : $"pixels normalised with mean {Normalization.Mean}, std {Normalization.Std}";
        return $"{Name} ({Source.Directory}): {Train.Count} training and {Test.Count} test images of {ImageHeight}×{ImageWidth}, {pixels}";
    }

    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
