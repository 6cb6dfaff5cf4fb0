using MnistCompare.Reporting;
using MnistCompare.Reporting.Charts;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;

public sealed class CurvePlotsTests
{
    private static readonly RunSettings Settings = new() { Dataset = "mnist", TrainLimit = 2000, Validation = ValidationMode.Test };

    private static EpochMetrics M(string activation, long seed, int epoch, double valAccuracy, bool diverged = false) =>
        new(activation, seed, epoch, 1.0 / epoch + seed, 0.9, 0.5 / epoch + seed, valAccuracy, 10, diverged);

    [Fact]
    public void OneChartPerCurveAndOneSeriesPerActivationWithRegistryLegendNames()
    {
        var metrics = new[] { M("relu", 1, 1, 0.9), M("leaky-relu:0.2", 1, 1, 0.8), M("relu", 1, 2, 0.95), M("leaky-relu:0.2", 1, 2, 0.85) };

        var charts = CurvePlots.Build(metrics, Settings);

        Assert.Equal(["val_accuracy", "val_loss", "train_loss"], charts.Select(c => c.Name));
        Assert.Equal(CurvePlots.Names, charts.Select(c => c.Name));
        Assert.Equal([YRangePolicy.Accuracy, YRangePolicy.Loss, YRangePolicy.Loss], charts.Select(c => c.Chart.YRangePolicy));
        Assert.Equal(
            [
                "Validation accuracy — MNIST, 2,000 training images, validation on the test set",
                "Validation loss — MNIST, 2,000 training images, validation on the test set",
                "Training loss — MNIST, 2,000 training images",
            ],
            charts.Select(c => c.Chart.Title));
        foreach (var (_, chart) in charts)
        {
            Assert.Equal(["ReLU", "Leaky ReLU (0.2)"], chart.Series.Select(s => s.Name));
            Assert.All(chart.Series, s => Assert.Null(s.Band));
            Assert.Equal([0, 1], chart.Series.Select(s => s.StyleIndex));
            Assert.True(chart.ShowMarkers);
            Assert.Equal("Epoch", chart.XLabel);
        }
        var accuracy = charts[0].Chart;
        Assert.Equal([new SeriesPoint(1, 0.9), new SeriesPoint(2, 0.95)], accuracy.Series[0].Points);
        Assert.Equal([new SeriesPoint(1, 2.0), new SeriesPoint(2, 1.5)], charts[2].Chart.Series[0].Points);
    }

    [Fact]
    public void SeveralSeedsGiveTheMeanWithItsConfidenceBand()
    {
        var metrics = new[] { M("relu", 1, 1, 0.90), M("relu", 2, 1, 0.94), M("relu", 3, 1, 0.92), M("gelu", 1, 1, 0.9) };

        var chart = CurvePlots.Build(metrics, Settings)[0].Chart;
        var series = chart.Series;

        var relu = series[0];
        Assert.Equal(0.92, Assert.Single(relu.Points).Y, 12);
        // Standard error 0.02/√3 = 0.011547, t(0.975, 2 df) = 4.302653: half-width 0.049683.
        var band = Assert.Single(relu.Band!);
        Assert.Equal(1.0, band.X);
        Assert.Equal(0.92 - 0.049683, band.Low, 6);
        Assert.Equal(0.92 + 0.049683, band.High, 6);
        Assert.Null(series[1].Band);
        Assert.Equal("band: 95% CI of the mean over 3 seeds", chart.BandDescription);
        Assert.Equal("95% CI over 3 seeds", CurvePlots.Build(metrics, Settings, n => $"95% CI over {n} seeds")[0].Chart.BandDescription);
    }

    [Fact]
    public void DivergedEpochsAreLeftOutButTheActivationKeepsItsLegendEntry()
    {
        var metrics = new[] { M("relu", 1, 1, 0, diverged: true), M("sigmoid", 1, 1, 0.5), M("sigmoid", 1, 2, 0.6) };

        var chart = CurvePlots.Build(metrics, Settings)[0].Chart;

        Assert.Equal(["ReLU", "Sigmoid"], chart.Series.Select(s => s.Name));
        Assert.Equal(["ReLU (diverged)", "Sigmoid"], chart.Series.Select(s => s.LegendText));
        Assert.Empty(chart.Series[0].Points);
        Assert.Equal(2, chart.Series[1].Points.Count);
    }

    [Fact]
    public void ALegendSaysHowManySeedsOfAnActivationDiverged()
    {
        var metrics = new[] { M("relu", 1, 1, 0.9), M("relu", 2, 1, 0, diverged: true), M("relu", 3, 1, 0.8) };

        var relu = Assert.Single(CurvePlots.Build(metrics, Settings)[0].Chart.Series);

        Assert.Equal("ReLU (1 of 3 seeds diverged)", relu.LegendText);
        Assert.Equal(0.85, Assert.Single(relu.Points).Y, 12);
    }

    [Fact]
    public void MarkersOnlyForShortRuns()
    {
        var long_ = Enumerable.Range(1, 13).Select(e => M("relu", 1, e, 0.9)).ToList();
        Assert.False(CurvePlots.Build(long_, Settings)[0].Chart.ShowMarkers);
        Assert.True(CurvePlots.Build(long_.Take(12).ToList(), Settings)[0].Chart.ShowMarkers);
    }

    [Fact]
    public void AnUnknownNameIsItsOwnLegend() =>
        Assert.Equal("my-own", Assert.Single(CurvePlots.Build([M("my-own", 1, 1, 0.5)], Settings)[0].Chart.Series).Name);

    [Theory]
    [InlineData("mnist", 2000, ValidationMode.Test, "MNIST, 2,000 training images, validation on the test set")]
    [InlineData("fashion", null, ValidationMode.Holdout, "Fashion-MNIST, validation on the holdout")]
    [InlineData("/data/kmnist/", null, ValidationMode.Test, "kmnist, validation on the test set")]
    public void SubtitleSaysWhatTheCurvesWereMeasuredOn(string dataset, int? limit, ValidationMode validation, string expected) =>
        Assert.Equal(expected, CurvePlots.Subtitle(new RunSettings { Dataset = dataset, TrainLimit = limit, Validation = validation }));

    [Fact]
    public void SubtitleStatesTheImageCountsTheRunFound() =>
        Assert.Equal("MNIST, 300 training images, validation on 500 holdout images", CurvePlots.Subtitle(new RunSettings
        {
            TrainLimit = 300, ValLimit = 500, Validation = ValidationMode.Holdout, Images = new ImageCounts(300, 500, 10_000),
        }));
}
