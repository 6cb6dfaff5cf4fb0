namespace MnistCompare.Data;

// How to turn the IDX files into tensors. The defaults give pixels in [0,1] and every training image.
public sealed record DatasetLoadOptions
{
    public static DatasetLoadOptions Default { get; } = new();

    // Null keeps pixels in [0,1]; PixelNormalization.Mnist standardises them as the PyTorch example does.
    public PixelNormalization? Normalization { get; init; }

    // --train-limit: use only the first N training images (the test set is never cut). Must be 1 ..
    // the number of training images; checked when loading, since only the files know that number.
    public int? TrainLimit { get; init; }
}
