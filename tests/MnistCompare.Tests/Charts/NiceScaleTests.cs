using MnistCompare.Reporting.Charts;

namespace MnistCompare.Tests.Charts;

public sealed class NiceScaleTests
{
    [Fact]
    public void AccuracyTicksAreTheDoublesNearestTheirLabels()
    {
        var scale = NiceScale.Create(new ValueRange(0.9485, 0.9951), 6);
        Assert.Equal(["0.95", "0.96", "0.97", "0.98", "0.99"], scale.Ticks.Select(scale.Format));
        // 95 × 0.01 would be 0.9500000000000001; the scale computes 95 / 100 instead.
        Assert.Equal([0.95, 0.96, 0.97, 0.98, 0.99], scale.Ticks);
        Assert.Equal(0.01, scale.Step);
        Assert.Equal(2, scale.Decimals);
    }

    [Fact]
    public void EpochAxesStepByWholeNumbers()
    {
        var epochs = NiceScale.Create(new ValueRange(0.05, 20.95), 10, integerSteps: true);
        Assert.Equal(["2", "4", "6", "8", "10", "12", "14", "16", "18", "20"], epochs.Ticks.Select(epochs.Format));
        Assert.Equal(0, epochs.Decimals);

        var few = NiceScale.Create(new ValueRange(0.5, 3.5), 10, integerSteps: true);
        Assert.Equal(1, few.Step);
        Assert.Equal([1.0, 2, 3], few.Ticks);
        // One epoch: the x range is padded around 1 and still gets the tick 1, not 0.95 / 1.05.
        var one = NiceScale.Create(new ValueRange(0.95, 1.05), 10, integerSteps: true);
        Assert.Equal([1.0], one.Ticks);
    }

    [Fact]
    public void ZeroIsNeverNegativeZero()
    {
        var scale = NiceScale.Create(new ValueRange(-0.3, 0.3), 6);
        var labels = scale.Ticks.Select(scale.Format).ToList();
        Assert.Contains("0.0", labels);
        Assert.DoesNotContain("-0.0", labels);
        Assert.Equal("0.0", scale.Format(-1e-17));
    }

    [Fact]
    public void LargeAndTinyRanges()
    {
        var big = NiceScale.Create(new ValueRange(0, 12345), 6);
        Assert.Equal(2000, big.Step);
        Assert.Equal("2000", big.Format(big.Ticks[1]));

        var tiny = NiceScale.Create(new ValueRange(0.00012, 0.00019), 6);
        Assert.InRange(tiny.Ticks.Count, 3, 8);
        Assert.StartsWith("0.0001", tiny.Format(tiny.Ticks[0]));
    }

    [Fact]
    public void TicksAreInsideTheRangeAndHaveDistinctLabelsForAnyTarget()
    {
        foreach (var (min, max) in new[] { (0.0, 1.0), (0.113, 0.992), (0.02, 2.4), (3.0, 3.0001), (-5.0, 1e6), (0.9, 1.0) })
        {
            for (var target = 3; target <= 10; target++)
            {
                var scale = NiceScale.Create(new ValueRange(min, max), target);
                var labels = scale.Ticks.Select(scale.Format).ToList();
                Assert.True(scale.Ticks.Count >= 2, $"[{min}, {max}] target {target}: {string.Join(" ", labels)}");
                Assert.All(scale.Ticks, t => Assert.True(scale.Range.Contains(t), $"[{min}, {max}] target {target}: tick {t}"));
                Assert.Equal(labels.Count, labels.Distinct().Count());
                Assert.Equal(scale.Ticks.Order(), scale.Ticks);
            }
        }
    }

    [Fact]
    public void ATickOnTheBoundaryIsKeptDespiteRounding()
    {
        var scale = NiceScale.Create(new ValueRange(0.9, 1.0), 6);
        Assert.Equal(0.9, scale.Ticks[0]);
        Assert.Equal(1.0, scale.Ticks[^1]);
    }
}
