using MathNet.Numerics.Distributions;
using MnistCompare.Evaluation;

namespace MnistCompare.Tests.Evaluation;

public sealed class WelchTestTests
{
    [Fact]
    public void TAndDegreesOfFreedomMatchAHandComputation()
    {
        // a: mean 2.5, variance of the mean (5/3)/4 = 5/12; b: mean 6, variance of the mean 10/5 = 2.
        // t = −3.5/√(29/12) = −2.251436; df = (29/12)² / ((5/12)²/3 + 2²/4) = 5.520789.
        var test = WelchTest.Of([1, 2, 3, 4], [2, 4, 6, 8, 10]);
        Assert.Equal(-2.251436, test.T, 5);
        Assert.Equal(5.520789, test.DegreesOfFreedom, 5);
        Assert.Equal(2 * StudentT.CDF(0, 1, test.DegreesOfFreedom, test.T), test.P, 12);
        Assert.InRange(test.P, 0.05, 0.10);
    }

    [Fact]
    public void IsSymmetricAndFindsAClearDifference()
    {
        double[] low = [0.90, 0.91, 0.89];
        double[] high = [0.98, 0.985, 0.975];
        var forward = WelchTest.Of(low, high);
        var backward = WelchTest.Of(high, low);
        Assert.Equal(forward.P, backward.P, 12);
        Assert.Equal(-forward.T, backward.T, 12);
        Assert.True(forward.P < 0.01);
    }

    [Fact]
    public void FewerThanTwoValuesOrNoVariationCannotBeTested()
    {
        Assert.True(double.IsNaN(WelchTest.Of([0.9], [0.8, 0.85]).P));
        Assert.True(double.IsNaN(WelchTest.Of([0.9, 0.9], [0.8, 0.8]).P));
    }
}
