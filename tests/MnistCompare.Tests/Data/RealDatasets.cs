using MnistCompare.Data;

namespace MnistCompare.Tests.Data;

// Where the real datasets live on this machine. scripts/setup.sh provides both, so their absence is a failure.
public static class RealDatasets
{
    public static string MnistDirectory { get; } = DatasetLocator.FromEnvironment().Locate(DatasetLocator.MnistName).Directory;

    public static string MnistFile(string name) => Path.Combine(MnistDirectory, name);

    // Facts computed from the raw files with an independent tool (Python), not with the code under test.
    public const int MnistTrainImage0PixelSum = 27525;
    public const int MnistTestImage0PixelSum = 18454;
    public static readonly byte[] MnistFirstTrainLabels = [5, 0, 4, 1, 9, 2, 1, 3, 1, 4];
    public static readonly byte[] MnistFirstTestLabels = [7, 2, 1, 0, 4, 1, 4, 9, 5, 9];
    public const int FashionTrainImage0PixelSum = 76247;
    public static readonly byte[] FashionFirstTrainLabels = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5];
    public static readonly byte[] FashionFirstTestLabels = [9, 2, 1, 1, 6, 1, 4, 6, 5, 7];
}
