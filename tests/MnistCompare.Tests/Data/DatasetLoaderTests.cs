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
        Assert.Equal([60000L, 1, 28, 28], mnist.Train.Images.shape);
        Assert.Equal([60000L], mnist.Train.Labels.shape);
        Assert.Equal([10000L, 1, 28, 28], mnist.Test.Images.shape);
        Assert.Equal([10000L], mnist.Test.Labels.shape);
        Assert.Equal(ScalarType.Float32, mnist.Train.Images.dtype);
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
        Assert.Equal(0f, mnist.Train.Images.min().item<float>());
        Assert.Equal(1f, mnist.Train.Images.max().item<float>());
        Assert.Equal(0f, mnist.Test.Images.min().item<float>());
        Assert.Equal(1f, mnist.Test.Images.max().item<float>());
    }

    [Fact]
    public void ImageZeroSumsToTheRawPixelSum()
    {
        using var image0 = mnist.Train.Images[0];
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
        // Back to integers before summing: a float sum of 47 million values k/255 drifts by a few units.
        using var bytes = mnist.Train.Images.mul(255).round();
        using var sum = bytes.sum(ScalarType.Int64);
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
            Assert.False(slice.Images.IsInvalid);
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
            Assert.Equal([10_000L, 1, 28, 28], validation.Images.shape);
            Assert.True(train.Images.Equals(mnist.Train.Images.narrow(0, 0, 50_000)));
            Assert.True(validation.Images.Equals(mnist.Train.Images.narrow(0, 50_000, 10_000)));
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
        Assert.Equal([100L, 1, 28, 28], limited.Train.Images.shape);
        Assert.Equal(10_000, limited.Test.Count);
        Assert.True(limited.Train.Images.Equals(mnist.Train.Images.narrow(0, 0, 100)));
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
        using var expected = mnist.Train.Images.narrow(0, 0, 10).sub(0.1307).div(0.3081);
        Assert.True(normalised.Train.Images.allclose(expected, rtol: 1e-6, atol: 1e-6));
        Assert.Equal(-0.1307 / 0.3081, normalised.Test.Images.min().item<float>(), precision: 5);
        Assert.Equal((1 - 0.1307) / 0.3081, normalised.Test.Images.max().item<float>(), precision: 5);
        Assert.Contains("pixels normalised with mean 0.1307, std 0.3081", normalised.ToString());
    }

    [Fact]
    public void FashionMnistLoads()
    {
        // scripts/setup.sh installs the Debian package dataset-fashion-mnist, so it must be here.
        using var fashion = DatasetLoader.Load(DatasetLocator.FashionName);

        Assert.Equal(DatasetLocator.FashionDirectory, fashion.Source.Directory);
        Assert.Equal([60000L, 1, 28, 28], fashion.Train.Images.shape);
        Assert.Equal([10000L, 1, 28, 28], fashion.Test.Images.shape);
        Assert.Equal(RealDatasets.FashionFirstTrainLabels.Select(b => (long)b), fashion.Train.Labels.narrow(0, 0, 10).data<long>().ToArray());
        Assert.Equal(RealDatasets.FashionFirstTestLabels.Select(b => (long)b), fashion.Test.Labels.narrow(0, 0, 10).data<long>().ToArray());
        using var sum = fashion.Train.Images[0].sum(ScalarType.Float64);
        Assert.Equal(RealDatasets.FashionTrainImage0PixelSum, sum.item<double>() * 255, precision: 2);
    }
}
