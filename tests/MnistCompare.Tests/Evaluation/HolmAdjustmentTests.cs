using MnistCompare.Evaluation;

namespace MnistCompare.Tests.Evaluation;

public sealed class HolmAdjustmentTests
{
    [Fact]
    public void TheTextbookExample()
    {
        // Four tests, p = 0.01, 0.04, 0.03, 0.005. Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04,
        // which the running maximum raises to 0.06. At 5% only the first and the last hypothesis are rejected.
        var adjusted = HolmAdjustment.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
    }

    [Fact]
    public void AdjustedValuesNeverExceedOne()
    {
        Assert.Equal([1.0, 1.0], HolmAdjustment.Adjust([0.6, 0.7]));
    }

    [Fact]
    public void UntestedPairsStayUntestedAndDoNotCountTowardsTheFamily()
    {
        var adjusted = HolmAdjustment.Adjust([0.02, double.NaN, 0.01]);
        Assert.Equal(0.02, adjusted[0], 12);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal(0.02, adjusted[2], 12);
    }
}
