using MathNet.Numerics.Distributions;
using MnistCompare.Evaluation;

namespace MnistCompare.Tests.Evaluation;

public sealed class ConfidenceIntervalTests
{
    [Fact]
    public void MatchesAHandComputationOnFourValues()
    {
        // 1, 2, 3, 4: mean 2.5, sample variance 5/3, standard error √(5/12) = 0.645497; t(0.975, 3 df) = 3.182446
        // (the printed tables' value), so the half-width is 2.054260.
        var interval = ConfidenceInterval.OfMean([1, 2, 3, 4]);
        Assert.Equal(2.5 - 2.054260, interval.Low, 5);
        Assert.Equal(2.5 + 2.054260, interval.High, 5);
        Assert.Equal(2.054260, interval.HalfWidth, 5);
    }

    [Theory]
    [InlineData(1, 12.706205)]
    [InlineData(3, 3.182446)]
    [InlineData(9, 2.262157)]
    public void TheCriticalValueIsMathNetsStudentTQuantile(double degreesOfFreedom, double tableValue)
    {
        Assert.Equal(StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975), ConfidenceInterval.CriticalValue(degreesOfFreedom), 12);
        Assert.Equal(tableValue, ConfidenceInterval.CriticalValue(degreesOfFreedom), 5);
    }

    [Fact]
    public void OneValueHasNoInterval()
    {
        var interval = ConfidenceInterval.OfMean([0.97]);
        Assert.True(double.IsNaN(interval.Low) && double.IsNaN(interval.High));
    }

    [Fact]
    public void TheBandLabelSaysWhatTheBandIs() =>
        Assert.Equal("band: 95% CI of the mean over 3 seeds", ConfidenceInterval.BandLabel(3));
}
