using MnistCompare.Reporting.Charts;

namespace MnistCompare.Tests.Charts;

// The y-axis zoom policy, on the cases its author checked by hand (a sigmoid that lags for three epochs, a loss
// spike in the first epoch, an ordinary spread), plus the domain clamps.
public sealed class AxisRangeTests
{
    private static SeriesPoint[] E(params double[] ys) => ys.Select((y, i) => new SeriesPoint(i + 1, y)).ToArray();

    private static readonly double[] Good = Enumerable.Range(0, 20).Select(i => 0.97 + 0.001 * i).ToArray();

    [Fact]
    public void ALaggingSeriesIsZoomedOutAndCounted()
    {
        double[] lagging = Enumerable.Range(0, 20).Select(i => i < 3 ? 0.11 : 0.98).ToArray();

        var range = AxisRange.ForAccuracy([E(Good), E(lagging)]);

        Assert.InRange(range.Min, 0.9, 0.97);
        Assert.InRange(range.Max, 0.989, 1.0);
        Assert.Equal((3, 0), AxisRange.CountOutside(lagging, range));
        Assert.Equal((0, 0), AxisRange.CountOutside(Good, range));
    }

    [Fact]
    public void AMildLaggardIsNotWorthAZoom()
    {
        double[] mild = Enumerable.Range(0, 20).Select(i => i < 3 ? 0.95 : 0.98).ToArray();
        var range = AxisRange.ForAccuracy([E(Good), E(mild)]);
        Assert.Equal((0, 0), AxisRange.CountOutside(mild.Concat(Good), range));
    }

    [Fact]
    public void AnOrdinaryFirstEpochSpreadIsNotTrimmed()
    {
        var range = AxisRange.ForAccuracy([E(0.94, 0.97, 0.98, 0.985), E(0.96, 0.975, 0.982, 0.986), E(0.965, 0.978, 0.984, 0.99)]);
        Assert.True(range.Min < 0.94, $"[{range.Min}, {range.Max}]");
    }

    [Fact]
    public void ASingleSeriesIsNeverTrimmed()
    {
        var loss = AxisRange.ForLoss([E(2.3, 0.2, 0.1, 0.05, 0.04, 0.04)]);
        Assert.True(loss.Max >= 2.3, $"[{loss.Min}, {loss.Max}]");
        double[] slowStart = [0.11, 0.11, 0.11, 0.9, 0.95, 0.97, 0.98, 0.98];
        Assert.Equal((0, 0), AxisRange.CountOutside(slowStart, AxisRange.ForAccuracy([E(slowStart)])));
    }

    [Fact]
    public void AccuracyIsClampedToZeroOne()
    {
        var high = AxisRange.ForAccuracy([E(0.5, 1.0, 1.0)]);
        Assert.Equal(1.0, high.Max);
        Assert.True(high.Min >= 0 && high.Min < 0.5);
        var low = AxisRange.ForAccuracy([E(0.0, 0.1), E(0.02, 0.08)]);
        Assert.Equal(0.0, low.Min);
    }

    [Fact]
    public void ALossSpikeFarAboveTheRestIsTrimmedAndAModestOneKept()
    {
        double[] spiky = [2.3, 0.2, 0.1, 0.08, 0.07, 0.06, 0.06, 0.05, 0.05, 0.05];
        double[] calm = [0.3, 0.15, 0.1, 0.09, 0.07, 0.06, 0.06, 0.05, 0.05, 0.05];

        var both = AxisRange.ForLoss([E(spiky), E(calm)]);
        Assert.InRange(both.Max, 0.3, 2.3 - 1e-9);
        Assert.InRange(both.Min, 0, 0.05);
        Assert.Equal((0, 1), AxisRange.CountOutside(spiky, both));

        Assert.True(AxisRange.ForLoss([E(calm)]).Max >= 0.3);
        Assert.True(AxisRange.ForLoss([E(0.01, 0.02)]).Min >= 0, "loss never below zero");
    }

    [Fact]
    public void SeriesAreComparedAtTheSameX()
    {
        var late = new SeriesPoint[] { new(3, 0.2), new(4, 0.21), new(5, 0.975), new(6, 0.98) };
        var range = AxisRange.ForAccuracy([E(0.96, 0.97, 0.98, 0.985, 0.986, 0.987), late, E(0.965, 0.975, 0.982, 0.986, 0.987, 0.988)]);
        Assert.Equal((2, 0), AxisRange.CountOutside([0.2, 0.21], range));
    }

    [Fact]
    public void ExtraValuesAreShownWhenNearButDoNotSteerTheZoom()
    {
        var near = AxisRange.ForAccuracy([E(Good)], [0.965, 0.995]);
        Assert.True(near.Max >= 0.995 && near.Min < 0.965, $"[{near.Min}, {near.Max}]");
        var far = AxisRange.ForAccuracy([E(Good)], [0.5]);
        Assert.True(far.Min > 0.9, $"[{far.Min}, {far.Max}]");
    }

    [Fact]
    public void DegenerateInputsStillGiveAUsableRange()
    {
        var flat = AxisRange.ForAllData([E(0.5, 0.5)]);
        Assert.True(flat.Min < 0.5 && flat.Max > 0.5);
        Assert.Equal(new ValueRange(0, 1), AxisRange.ForAccuracy([E(double.NaN)]));
        Assert.Equal(new ValueRange(0, 1), AxisRange.ForLoss([]));
        // Non-finite values are ignored, not propagated.
        var withNaN = AxisRange.ForLoss([E(0.5, double.NaN, double.PositiveInfinity, 0.3)]);
        Assert.True(double.IsFinite(withNaN.Min) && double.IsFinite(withNaN.Max) && withNaN.Contains(0.5) && withNaN.Contains(0.3));
    }

    [Fact]
    public void PadAndMedian()
    {
        var padded = AxisRange.Pad(0.2, 0.6);
        Assert.Equal(0.18, padded.Min, 12);
        Assert.Equal(0.62, padded.Max, 12);
        // [−0.03, 0.63], then clamped at the floor.
        var floored = AxisRange.Pad(0.0, 0.6, floor: 0);
        Assert.Equal(0.0, floored.Min);
        Assert.Equal(0.63, floored.Max, 12);
        Assert.Equal(2, AxisRange.Median([3, 1, 2]));
        Assert.Equal(1.5, AxisRange.Median([1, 2]));
        Assert.Throws<ArgumentException>(() => AxisRange.Median([]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(0, double.PositiveInfinity)]
    public void ARangeNeedsFiniteMinBelowMax(double min, double max) =>
        Assert.Throws<ArgumentException>(() => new ValueRange(min, max));
}
