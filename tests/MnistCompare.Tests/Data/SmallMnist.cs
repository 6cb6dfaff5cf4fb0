using MnistCompare.Data;

namespace MnistCompare.Tests.Data;

// A folder of real MNIST images cut down to a few hundred of each set, so a test can train and validate several
// epochs in seconds: the training tests are about resuming, killing and checkpoints, not about accuracy.
public static class SmallMnist
{
    private const int ImageHeaderBytes = 16;
    private const int LabelHeaderBytes = 8;
    private const int PixelsPerImage = 28 * 28;

    public static string Write(string directory, int trainCount = 600, int testCount = 300)
    {
        var source = DatasetLocator.FromEnvironment().Locate(DatasetLocator.MnistName).Directory;
        Directory.CreateDirectory(directory);
        Cut(source, DatasetFiles.TrainImagesName, directory, ImageHeaderBytes, PixelsPerImage, trainCount);
        Cut(source, DatasetFiles.TrainLabelsName, directory, LabelHeaderBytes, 1, trainCount);
        Cut(source, DatasetFiles.TestImagesName, directory, ImageHeaderBytes, PixelsPerImage, testCount);
        Cut(source, DatasetFiles.TestLabelsName, directory, LabelHeaderBytes, 1, testCount);
        return directory;
    }

    // Keeps the header with its item count rewritten, and the first `count` items.
    private static void Cut(string sourceDirectory, string name, string directory, int headerBytes, int itemBytes, int count)
    {
        var bytes = new byte[headerBytes + count * itemBytes];
        using (var source = File.OpenRead(Path.Combine(sourceDirectory, name)))
        {
            source.ReadExactly(bytes);
        }
        bytes[4] = (byte)(count >> 24);
        bytes[5] = (byte)(count >> 16);
        bytes[6] = (byte)(count >> 8);
        bytes[7] = (byte)count;
        File.WriteAllBytes(Path.Combine(directory, name), bytes);
    }
}
