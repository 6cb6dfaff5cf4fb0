using MnistCompare.Data;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Data;

// Whole datasets written as small synthetic IDX files, valid and subtly broken.
public sealed class DatasetValidationTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private DatasetSource Source => new("synthetic", temp.Path, "(hint)");

    private string FileIn(string name) => Path.Combine(temp.Path, name);

    [Fact]
    public void ASyntheticDatasetLoadsWithItsOwnImageSize()
    {
        IdxBytes.WriteDataset(temp.Path, trainCount: 30, testCount: 20, height: 4, width: 3);

        using var data = DatasetLoader.Load(Source);

        Assert.Equal([30L, 1, 4, 3], data.Train.Pixels.shape);
        Assert.Equal([20L, 1, 4, 3], data.Test.Pixels.shape);
        Assert.Equal((4, 3), (data.ImageHeight, data.ImageWidth));
        Assert.Contains("30 training and 20 test images of 4×3", data.ToString());
        var expected = IdxBytes.PixelValues(30, 4, 3).Select(b => b / 255f);
        using var images = data.Train.Images(0, 30);
        Assert.Equal(expected, images.data<float>().ToArray());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)(i % 10)), data.Test.Labels.data<long>().ToArray());
    }

    [Fact]
    public void AGzippedDatasetLoadsLikeTheRawOne()
    {
        using var rawDir = new TempDirectory();
        IdxBytes.WriteDataset(rawDir.Path);
        IdxBytes.WriteDataset(temp.Path, gzip: true);

        using var raw = DatasetLoader.Load(new DatasetSource("raw", rawDir.Path, ""));
        using var gz = DatasetLoader.Load(Source);

        Assert.True(raw.Train.Pixels.Equals(gz.Train.Pixels));
        Assert.True(raw.Train.Labels.Equals(gz.Train.Labels));
        Assert.True(raw.Test.Pixels.Equals(gz.Test.Pixels));
        Assert.True(raw.Test.Labels.Equals(gz.Test.Labels));
    }

    [Fact]
    public void ImageAndLabelCountsMustMatch()
    {
        IdxBytes.WriteDataset(temp.Path, trainCount: 30);
        File.WriteAllBytes(FileIn(DatasetFiles.TrainLabelsName), IdxBytes.CyclicLabels(29));

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.Load(Source));

        Assert.Equal(
            $"{FileIn(DatasetFiles.TrainLabelsName)}: 29 labels, but {FileIn(DatasetFiles.TrainImagesName)} holds 30 images (30×4×3); the counts must match",
            e.Message);
    }

    [Fact]
    public void LabelsMustBeClassIndices()
    {
        IdxBytes.WriteDataset(temp.Path, testCount: 5);
        File.WriteAllBytes(FileIn(DatasetFiles.TestLabelsName), IdxBytes.Labels(0, 1, 2, 10, 4));

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.Load(Source));

        Assert.Equal($"{FileIn(DatasetFiles.TestLabelsName)}: label 10 at index 3 (offset 11) is outside 0..9", e.Message);
    }

    [Fact]
    public void ImagesMustHaveRankThree()
    {
        IdxBytes.WriteDataset(temp.Path, trainCount: 30);
        File.WriteAllBytes(FileIn(DatasetFiles.TrainImagesName), IdxBytes.UnsignedBytes([30, 12], new byte[360]));

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.Load(Source));

        Assert.Contains("expected images of rank 3 (N×H×W), but the header declares rank 2 (30×12)", e.Message);
        Assert.Equal(FileIn(DatasetFiles.TrainImagesName), e.FilePath);
    }

    [Fact]
    public void LabelsMustHaveRankOne()
    {
        IdxBytes.WriteDataset(temp.Path, trainCount: 30);
        File.WriteAllBytes(FileIn(DatasetFiles.TrainLabelsName), IdxBytes.UnsignedBytes([30, 1], new byte[30]));

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.Load(Source));

        Assert.Contains("expected labels of rank 1 (N), but the header declares rank 2 (30×1)", e.Message);
    }

    [Fact]
    public void TrainingAndTestImagesMustHaveTheSameSize()
    {
        IdxBytes.WriteDataset(temp.Path, height: 4, width: 3);
        File.WriteAllBytes(FileIn(DatasetFiles.TestImagesName), IdxBytes.Images(20, 3, 4));

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.Load(Source));

        Assert.Contains("test images are 3×4 but the training images in", e.Message);
    }

    [Fact]
    public void ACorruptFileInADatasetIsNamed()
    {
        IdxBytes.WriteDataset(temp.Path);
        var testImages = FileIn(DatasetFiles.TestImagesName);
        File.WriteAllBytes(testImages, File.ReadAllBytes(testImages)[..^1]);

        var e = Assert.Throws<IdxFormatException>(() => DatasetLoader.Load(Source));

        Assert.StartsWith($"{testImages}: truncated:", e.Message);
    }

    [Fact]
    public void MissingFilesAreAllListedWithTheHint()
    {
        IdxBytes.WriteDataset(temp.Path);
        File.Delete(FileIn(DatasetFiles.TrainLabelsName));
        File.Delete(FileIn(DatasetFiles.TestImagesName));

        var e = Assert.Throws<DatasetNotFoundException>(() => DatasetLoader.Load(Source));

        Assert.Equal(
            $"dataset 'synthetic' is incomplete: {temp.Path} lacks train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]; (hint)",
            e.Message);
    }

    [Fact]
    public void TheRawFileWinsOverItsGzippedTwin()
    {
        IdxBytes.WriteDataset(temp.Path);
        File.WriteAllBytes(FileIn(DatasetFiles.TrainLabelsName + ".gz"), [1, 2, 3]);

        var files = DatasetFiles.Find(Source);

        Assert.Equal(FileIn(DatasetFiles.TrainLabelsName), files.TrainLabels);
    }

    [Fact]
    public void TheHoldoutOfASmallSetHasTheRequestedSizes()
    {
        IdxBytes.WriteDataset(temp.Path, trainCount: 30);
        using var data = DatasetLoader.Load(Source);

        var (train, validation) = data.Train.SplitHoldout(7);
        using (train)
        using (validation)
        {
            Assert.Equal((23, 7), (train.Count, validation.Count));
            Assert.Equal([3L, 4, 5, 6, 7, 8, 9], validation.Labels.data<long>().ToArray());
        }
        Assert.Equal(30, data.Train.Count);
    }

    [Fact]
    public void ASliceOutlivesTheSplitItCameFrom()
    {
        IdxBytes.WriteDataset(temp.Path, trainCount: 30);
        var data = DatasetLoader.Load(Source);
        using var slice = data.Train.Slice(10, 5);

        data.Dispose();

        Assert.Equal([0L, 1, 2, 3, 4], slice.Labels.data<long>().ToArray());
        using var images = slice.Images(0, 5);
        Assert.Equal(IdxBytes.PixelValues(30, 4, 3).Skip(10 * 12).Take(5 * 12).Select(b => b / 255f), images.data<float>().ToArray());
    }

    [Fact]
    public void ASplitRejectsTensorsOfTheWrongShape()
    {
        using var images = zeros(new long[] { 3, 28, 28 }, ScalarType.Byte);
        using var labels = zeros(new long[] { 3 }, ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => new DatasetSplit(images, labels, null));
        // Float images: the split holds the files' bytes, and converts per batch.
        using var floats = zeros(new long[] { 3, 1, 28, 28 });
        Assert.Contains("Byte", Assert.Throws<ArgumentException>(() => new DatasetSplit(floats, labels, null)).Message);
    }
}
