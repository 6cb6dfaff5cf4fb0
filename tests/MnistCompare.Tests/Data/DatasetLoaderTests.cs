using MnistCompare.Data;
using static TorchSharp.torch;

namespace MnistCompare.Tests.Data;

public sealed class DatasetLoaderTests : IClassFixture<MnistFixture>
{
    private readonly MnistDataset mnist;

    public DatasetLoaderTests(MnistFixture fixture) => mnist = fixture.Dataset;

    [Fact]
    public void MnistHasTheStandardShapesAndTypes()
    {
        Assert.Equal([60000L, 1, 28, 28], mnist.Train.Pixels.shape);
        Assert.Equal([60000L], mnist.Train.Labels.shape);
        Assert.Equal([10000L, 1, 28, 28], mnist.Test.Pixels.shape);
        Assert.Equal([10000L], mnist.Test.Labels.shape);
        // Bytes in memory (a quarter of float32); the model gets float32.
        Assert.Equal(ScalarType.Byte, mnist.Train.Pixels.dtype);
        using var batch = mnist.Train.Images(0, 128);
        Assert.Equal([128L, 1, 28, 28], batch.shape);
        Assert.Equal(ScalarType.Float32, batch.dtype);
        Assert.Equal(ScalarType.Int64, mnist.Train.Labels.dtype);
        Assert.Equal((60000, 10000, 28, 28), (mnist.Train.Count, mnist.Test.Count, mnist.ImageHeight, mnist.ImageWidth));
        Assert.Null(mnist.Normalization);
        Assert.EndsWith(": 60000 training and 10000 test images of 28×28, pixels in [0,1]", mnist.ToString());
    }

    [Fact]
    public void TheFirstLabelsAreTheKnownOnes()
    {
        Assert.Equal(5L, mnist.Train.Labels[0].item<long>());
        Assert.Equal(RealDatasets.MnistFirstTrainLabels.Select(b => (long)b), mnist.Train.Labels.narrow(0, 0, 10).data<long>().ToArray());
        Assert.Equal(RealDatasets.MnistFirstTestLabels.Select(b => (long)b), mnist.Test.Labels.narrow(0, 0, 10).data<long>().ToArray());
    }

    [Fact]
    public void EveryLabelMatchesTheRawFile()
    {
        var raw = File.ReadAllBytes(RealDatasets.MnistFile(DatasetFiles.TrainLabelsName)).AsSpan(8).ToArray();
        Assert.Equal(raw.Select(b => (long)b), mnist.Train.Labels.data<long>().ToArray());
    }

    [Fact]
    public void PixelsAreScaledToZeroOne()
    {
        using var scope = NewDisposeScope();
        Assert.Equal(0f, All(mnist.Train).min().item<float>());
        Assert.Equal(1f, All(mnist.Train).max().item<float>());
        Assert.Equal(0f, All(mnist.Test).min().item<float>());
        Assert.Equal(1f, All(mnist.Test).max().item<float>());
    }

    [Fact]
    public void ImageZeroSumsToTheRawPixelSum()
    {
        using var image0 = mnist.Train.Images(0, 1);
        using var sum = image0.sum(ScalarType.Float64);
        Assert.Equal(RealDatasets.MnistTrainImage0PixelSum, sum.item<double>() * 255, precision: 2);
        // Pixel by pixel against the file's bytes, read without the code under test.
        var raw = File.ReadAllBytes(RealDatasets.MnistFile(DatasetFiles.TrainImagesName)).AsSpan(16, 28 * 28).ToArray();
        Assert.Equal(raw.Select(b => b / 255f), image0.data<float>().ToArray());
    }

    [Fact]
    public void TheWholeTrainingSetSumsToTheRawPixelSum()
    {
        var raw = File.ReadAllBytes(RealDatasets.MnistFile(DatasetFiles.TrainImagesName));
        long rawSum = 0;
        for (var i = 16; i < raw.Length; i++)
        {
            rawSum += raw[i];
        }
        using var sum = mnist.Train.Pixels.sum(ScalarType.Int64);
        Assert.Equal(rawSum, sum.item<long>());
    }

    [Fact]
    public void TheTensorsLiveOutsideTheCallersDisposeScope()
    {
        DatasetSplit slice;
        using (NewDisposeScope())
        {
            slice = mnist.Test.Slice(0, 5);
        }
        using (slice)
        {
            Assert.False(slice.Pixels.IsInvalid);
            Assert.Equal(7L, slice.Labels[0].item<long>());
        }
    }

    [Fact]
    public void TheHoldoutIsTheLastTenThousandTrainingImages()
    {
        var (train, validation) = mnist.Train.SplitHoldout(10_000);
        using (train)
        using (validation)
        {
            Assert.Equal(50_000, train.Count);
            Assert.Equal(10_000, validation.Count);
            Assert.Equal([10_000L, 1, 28, 28], validation.Pixels.shape);
            Assert.True(train.Pixels.Equals(mnist.Train.Pixels.narrow(0, 0, 50_000)));
            Assert.True(validation.Pixels.Equals(mnist.Train.Pixels.narrow(0, 50_000, 10_000)));
            Assert.True(validation.Labels.Equals(mnist.Train.Labels.narrow(0, 50_000, 10_000)));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(60_000)]
    [InlineData(60_001)]
    public void AHoldoutMustLeaveSomethingOnBothSides(int holdout)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => mnist.Train.SplitHoldout(holdout));
        Assert.Contains($"a holdout of {holdout} images", e.Message);
    }

    [Fact]
    public void ATrainLimitKeepsTheFirstImagesAndTheWholeTestSet()
    {
        using var limited = DatasetLoader.Load(DatasetLocator.MnistName, new DatasetLoadOptions { TrainLimit = 100 });

        Assert.Equal(100, limited.Train.Count);
        Assert.Equal([100L, 1, 28, 28], limited.Train.Pixels.shape);
        Assert.Equal(10_000, limited.Test.Count);
        Assert.True(limited.Train.Pixels.Equals(mnist.Train.Pixels.narrow(0, 0, 100)));
        Assert.True(limited.Train.Labels.Equals(mnist.Train.Labels.narrow(0, 0, 100)));
    }

    [Fact]
    public void ATrainLimitOfExactlyTheWholeSetIsAccepted()
    {
        using var all = DatasetLoader.Load(DatasetLocator.MnistName, new DatasetLoadOptions { TrainLimit = 60_000 });
        Assert.Equal(60_000, all.Train.Count);
    }

    [Theory]
    [InlineData(0, "--train-limit must be at least 1 (got 0)")]
    [InlineData(-5, "--train-limit must be at least 1 (got -5)")]
    [InlineData(60_001, "--train-limit 60001 is more than the 60000 training images of 'mnist'")]
    public void ATrainLimitOutsideTheSetIsRejectedNamingTheOption(int limit, string expected)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => DatasetLoader.Load(DatasetLocator.MnistName, new DatasetLoadOptions { TrainLimit = limit }));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void ATrainLimitAndAHoldoutCanConflict()
    {
        using var limited = DatasetLoader.Load(DatasetLocator.MnistName, new DatasetLoadOptions { TrainLimit = 5_000 });
        Assert.Throws<ArgumentOutOfRangeException>(() => limited.Train.SplitHoldout(10_000));
    }

    [Fact]
    public void NormalisationUsesTheMnistMeanAndStd()
    {
        var options = new DatasetLoadOptions { Normalization = PixelNormalization.Mnist, TrainLimit = 10 };
        using var normalised = DatasetLoader.Load(DatasetLocator.MnistName, options);

        Assert.Same(PixelNormalization.Mnist, normalised.Normalization);
        Assert.Same(PixelNormalization.Mnist, normalised.Train.Normalization);
        using var scope = NewDisposeScope();
        var expected = mnist.Train.Images(0, 10).sub(0.1307).div(0.3081);
        Assert.True(All(normalised.Train).allclose(expected, rtol: 1e-6, atol: 1e-6));
        Assert.Equal(-0.1307 / 0.3081, All(normalised.Test).min().item<float>(), precision: 5);
        Assert.Equal((1 - 0.1307) / 0.3081, All(normalised.Test).max().item<float>(), precision: 5);
        // Slices and holdouts keep the normalisation.
        using var slice = normalised.Test.Slice(3, 4);
        Assert.True(slice.Images(0, 4).Equals(normalised.Test.Images(3, 4)));
        Assert.Contains("pixels normalised with mean 0.1307, std 0.3081", normalised.ToString());
    }

    [Fact]
    public void FashionMnistLoads()
    {
        // scripts/setup.sh installs the Debian package dataset-fashion-mnist, so it must be here.
        using var fashion = DatasetLoader.Load(DatasetLocator.FashionName);

        Assert.Equal(DatasetLocator.FashionDirectory, fashion.Source.Directory);
        Assert.Equal([60000L, 1, 28, 28], fashion.Train.Pixels.shape);
        Assert.Equal([10000L, 1, 28, 28], fashion.Test.Pixels.shape);
        Assert.Equal(RealDatasets.FashionFirstTrainLabels.Select(b => (long)b), fashion.Train.Labels.narrow(0, 0, 10).data<long>().ToArray());
        Assert.Equal(RealDatasets.FashionFirstTestLabels.Select(b => (long)b), fashion.Test.Labels.narrow(0, 0, 10).data<long>().ToArray());
        using var image0 = fashion.Train.Images(0, 1);
        using var sum = image0.sum(ScalarType.Float64);
        Assert.Equal(RealDatasets.FashionTrainImage0PixelSum, sum.item<double>() * 255, precision: 2);
    }

    [Fact]
    public void ABatchByIndicesIsTheSameAsTheWholeSplitConvertedAtOnce()
    {
        // The conversion per batch must give the values a whole-split conversion gives, to the last bit, so that
        // training is unchanged by where it happens.
        using var scope = NewDisposeScope();
        var whole = mnist.Test.Pixels.to(ScalarType.Float32).div_(255f).sub_(0.1307).div_(0.3081);
        using var normalised = DatasetLoader.Load(DatasetLocator.MnistName, new DatasetLoadOptions { Normalization = PixelNormalization.Mnist, TrainLimit = 1 });
        var indices = tensor(new long[] { 9_999, 0, 4_321, 4_321 });
        Assert.True(normalised.Test.Images(indices).Equals(whole.index_select(0, indices)));
        Assert.True(normalised.Test.Images(5_000, 300).Equals(whole.narrow(0, 5_000, 300)));
    }

    // The whole split as the model sees it (made in the caller's dispose scope).
    private static Tensor All(DatasetSplit split) => split.Images(0, split.Count);
}
