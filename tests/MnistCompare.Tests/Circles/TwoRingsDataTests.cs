using MnistCompare.Circles;

namespace MnistCompare.Tests.Circles;

public sealed class TwoRingsDataTests
{
    private static readonly TwoRingsShape Shape = new();

    [Fact]
    public void TheSplitsHaveTheRequestedSizesAndBothRingsEqually()
    {
        var data = TwoRingsData.Generate(Shape, seed: 1);

        Assert.Equal(Shape.TrainSize, data.Train.Count);
        Assert.Equal(Shape.TestSize, data.Test.Count);
        var inner = data.Train.Labels.Concat(data.Test.Labels).Count(l => l == 1f);
        Assert.Equal((Shape.TrainSize + Shape.TestSize + 1) / 2, inner);
        Assert.All(data.Train.Labels.Concat(data.Test.Labels), l => Assert.True(l is 0f or 1f));
        // Shuffled before the split: the test set is not all one ring.
        Assert.InRange(data.Test.Labels.Average(), 0.4, 0.6);
    }

    [Fact]
    public void EachRingLiesOnItsRadiusWithTheRequestedNoise()
    {
        var shape = Shape with { InnerRadius = 0.3, OuterRadius = 2, Noise = 0.05 };
        var data = TwoRingsData.Generate(shape, seed: 3);

        foreach (var (label, radius) in new[] { (1f, 0.3), (0f, 2.0) })
        {
            var radii = Enumerable.Range(0, data.Train.Count).Where(i => data.Train.Labels[i] == label)
                .Select(i => Math.Sqrt(data.Train.X[i] * data.Train.X[i] + data.Train.Y[i] * data.Train.Y[i])).ToList();
            Assert.InRange(radii.Average(), radius - 0.02, radius + 0.02);
            Assert.All(radii, r => Assert.InRange(r, radius - 6 * 0.05, radius + 6 * 0.05));
        }
    }

    [Fact]
    public void WithoutNoiseEveryPointIsExactlyOnItsRing()
    {
        var data = TwoRingsData.Generate(Shape with { Noise = 0 }, seed: 1);

        for (var i = 0; i < data.Test.Count; i++)
        {
            var r = Math.Sqrt(data.Test.X[i] * data.Test.X[i] + data.Test.Y[i] * data.Test.Y[i]);
            Assert.Equal(data.Test.Labels[i] == 1f ? 0.5 : 1.0, r, 5);
        }
    }

    [Fact]
    public void TheSeedDecidesEveryPoint()
    {
        var a = TwoRingsData.Generate(Shape, seed: 7);
        var b = TwoRingsData.Generate(Shape, seed: 7);
        var c = TwoRingsData.Generate(Shape, seed: 8);

        Assert.Equal(a.Train.X, b.Train.X);
        Assert.Equal(a.Test.Y, b.Test.Y);
        Assert.Equal(a.Test.Labels, b.Test.Labels);
        Assert.NotEqual(a.Train.X, c.Train.X);
    }

    [Theory]
    [InlineData(1, 100, 0.5, 1.0, 0.1, "--train-size")]
    [InlineData(100, 0, 0.5, 1.0, 0.1, "--test-size")]
    [InlineData(100, 100, -0.5, 1.0, 0.1, "--inner-radius")]
    [InlineData(100, 100, 1.0, 1.0, 0.1, "--outer-radius")]
    [InlineData(100, 100, 0.5, double.PositiveInfinity, 0.1, "--outer-radius")]
    [InlineData(100, 100, 0.5, 1.0, -0.1, "--noise")]
    public void AnImpossibleShapeIsRefusedWithTheOptionToFix(int train, int test, double inner, double outer, double noise, string option)
    {
        var shape = new TwoRingsShape { TrainSize = train, TestSize = test, InnerRadius = inner, OuterRadius = outer, Noise = noise };

        Assert.StartsWith(option, shape.Problem());
        Assert.Throws<ArgumentException>(() => TwoRingsData.Generate(shape, 1));
    }
}
