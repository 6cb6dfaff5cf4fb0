using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;


public sealed class ActivationSummaryTests
{
    private static EpochMetrics M(string activation, long seed, int epoch, double valAccuracy, double valLoss = 0.1, double seconds = 10, bool diverged = false,
        int? batch = null) =>
        diverged
            ? new(activation, seed, epoch, double.NaN, double.NaN, double.NaN, double.NaN, seconds, true, batch)
            : new(activation, seed, epoch, 0.2, 0.9, valLoss, valAccuracy, seconds);

    [Fact]
    public void AggregatesTheFinalAndBestEpochsOverSeeds()
    {
        var metrics = new[]
        {
            M("relu", 1, 1, 0.95, 0.20, 10), M("relu", 1, 2, 0.97, 0.10, 12),
            M("relu", 2, 1, 0.96, 0.15, 11), M("relu", 2, 2, 0.95, 0.16, 13),
            M("relu", 3, 2, 0.99, 0.04, 14), M("relu", 3, 1, 0.98, 0.05, 10), // out of order on purpose
        };

        var summary = Assert.Single(ActivationSummary.FromMetrics(metrics, _ => 1234));

        Assert.Equal(("relu", 3, 2), (summary.Activation, summary.Seeds, summary.EpochsDone));
        // Final accuracies 0.97, 0.95, 0.99: mean 0.97, sample standard deviation 0.02.
        Assert.Equal(0.97, summary.FinalValAccuracy.Mean, 12);
        Assert.Equal(0.02, summary.FinalValAccuracy.StandardDeviation, 12);
        Assert.Equal((0.95, 0.99, 3), (summary.FinalValAccuracy.Min, summary.FinalValAccuracy.Max, summary.FinalValAccuracy.Count));
        // Best per seed: 0.97, 0.96, 0.99.
        Assert.Equal(0.96, summary.BestValAccuracy.Min, 12);
        Assert.Equal(0.99, summary.BestValAccuracy.Max, 12);
        Assert.Equal((0.10 + 0.16 + 0.04) / 3, summary.FinalValLoss.Mean, 12);
        Assert.Equal(70.0 / 6, summary.SecondsPerEpoch, 12);
        Assert.Equal(1234, summary.ParameterCount);
        Assert.Empty(summary.Divergences);
        Assert.Null(summary.TestAccuracy);
    }

    [Fact]
    public void DivergedRunsAreListedAndLeftOutOfTheStatistics()
    {
        var metrics = new[]
        {
            M("gelu", 1, 1, 0.9), M("gelu", 1, 2, 0.92),
            M("gelu", 2, 1, 0.5), M("gelu", 2, 2, 0, diverged: true, batch: 37),
            M("gelu", 3, 1, 0, seconds: 99, diverged: true, batch: 1),
        };

        var summary = Assert.Single(ActivationSummary.FromMetrics(metrics, _ => 0));

        Assert.Equal(["seed 2 at epoch 2, batch 37", "seed 3 at epoch 1, batch 1"], summary.Divergences);
        // Seed 2's healthy epoch counts (its last healthy value is 0.5); seed 3 has none.
        Assert.Equal(2, summary.FinalValAccuracy.Count);
        Assert.Equal((0.92 + 0.5) / 2, summary.FinalValAccuracy.Mean, 12);
        Assert.Equal(10, summary.SecondsPerEpoch);
    }

    [Fact]
    public void AnActivationThatOnlyDivergedHasNoStatistics()
    {
        var summary = Assert.Single(ActivationSummary.FromMetrics([M("relu", 1, 1, 0, diverged: true)], _ => 0));
        Assert.Equal(0, summary.FinalValAccuracy.Count);
        Assert.True(double.IsNaN(summary.FinalValAccuracy.Mean));
        Assert.True(double.IsNaN(summary.SecondsPerEpoch));
        // Read from a metrics.csv older than the diverged_batch column: the epoch is all there is.
        Assert.Equal(["seed 1 at epoch 1"], summary.Divergences);
    }

    [Fact]
    public void RowsFollowTheOrderTheActivationsFirstAppearAndCarryTheirTests()
    {
        var metrics = new[] { M("selu", 1, 1, 0.9), M("elu", 1, 1, 0.8), M("selu", 2, 1, 0.7), M("elu", 2, 1, 0.85) };
        var tests = new Dictionary<(string, long), LossAndAccuracy> { [("elu", 1)] = new(0.3, 0.81), [("elu", 2)] = new(0.2, 0.83) };

        var summaries = ActivationSummary.FromMetrics(metrics, a => a.Length, tests);

        Assert.Equal(["selu", "elu"], summaries.Select(s => s.Activation));
        Assert.Equal([4L, 3L], summaries.Select(s => s.ParameterCount));
        Assert.Null(summaries[0].TestAccuracy);
        Assert.Equal(0.82, summaries[1].TestAccuracy!.Mean, 12);
    }

    [Fact]
    public void StatisticOfNoValuesIsEmptyAndOfOneValueHasNoSpread()
    {
        var none = Statistic.Of([]);
        Assert.Equal(0, none.Count);
        Assert.True(double.IsNaN(none.Mean) && double.IsNaN(none.StandardDeviation));
        var one = Statistic.Of([0.5]);
        Assert.Equal((0.5, 0.5, 0.5, 0.0, 1), (one.Mean, one.Min, one.Max, one.StandardDeviation, one.Count));
        Assert.Equal([0.5], Statistic.Of([0.5]).Values);
        Assert.Equal(Math.Sqrt(2), Statistic.Of([1, 3]).StandardDeviation, 12);
    }
}
