using MnistCompare.Circles;
using MnistCompare.Reporting.Circles;
using MnistCompare.Tests.Cli;

namespace MnistCompare.Tests.Circles;

// The point of the experiment, on the default data and training settings: without an activation the network is
// linear and cannot separate the rings; one hidden layer of 32 ReLUs can. In the App collection because it trains.
[Collection(AppCollection.Name)]
public sealed class RingsTrainingTests
{
    private static readonly CirclesSettings Defaults = new();
    private static readonly Lazy<TwoRingsData> DefaultData = new(() => TwoRingsData.Generate(Defaults.Shape, Defaults.Seed));

    private static CirclesResult Train(string activation, params int[] hidden) =>
        RingsTrainer.Train(new CirclesConfiguration(CirclesSweep.Activations, activation, activation, hidden, Defaults.Epochs), DefaultData.Value, Defaults);

    [Fact]
    public void ALinearNetworkStaysBelowSeventyPercentWithAStraightBoundary()
    {
        var result = Train("identity", 32);

        Assert.True(result.TestAccuracy < 0.70, $"identity reached {result.TestAccuracy:P1}");
        // However many hidden units, the boundary is a line: every point of it lies on the line through its two ends.
        var ends = DecisionBoundaryGrid.Boundary(result.Map).Lines.SelectMany(l => l.Path.Points).Select(p => (p.X, p.Y)).ToList();
        if (ends.Count == 0) return;
        static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        // The two ends farthest apart span the line.
        var first = ends.MaxBy(p => Distance(p, ends[0]));
        var last = ends.MaxBy(p => Distance(p, first));
        var length = Distance(first, last);
        Assert.All(ends, p =>
        {
            var distance = Math.Abs((last.X - first.X) * (first.Y - p.Y) - (first.X - p.X) * (last.Y - first.Y)) / length;
            Assert.True(distance < result.Map.CellSize / 2, $"({p.X:F3}, {p.Y:F3}) is {distance:F4} off the line");
        });
    }

    [Fact]
    public void OneHiddenLayerOf32ReluUnitsSeparatesTheRings()
    {
        var result = Train("relu", 32);

        Assert.True(result.TestAccuracy >= 0.95, $"relu reached {result.TestAccuracy:P1}");
        Assert.Equal(2 * 32 + 32 + 32 + 1, result.Parameters);
    }

    [Fact]
    public void TheSameSeedGivesTheSameAccuraciesAndMaps()
    {
        var settings = new CirclesSettings { Shape = new TwoRingsShape { TrainSize = 200, TestSize = 100 }, Epochs = 5, Seed = 4 };
        var configuration = new CirclesConfiguration(CirclesSweep.Widths, "width 8", "gelu", [8], 5);
        var data = TwoRingsData.Generate(settings.Shape, settings.Seed);

        var first = RingsTrainer.Train(configuration, data, settings);
        var second = RingsTrainer.Train(configuration, TwoRingsData.Generate(settings.Shape, settings.Seed), settings);
        var reseeded = RingsTrainer.Train(configuration, TwoRingsData.Generate(settings.Shape, 5), settings with { Seed = 5 });

        Assert.Equal((first.TrainAccuracy, first.TestAccuracy, first.TestLoss), (second.TrainAccuracy, second.TestAccuracy, second.TestLoss));
        Assert.Equal(first.Map.Values, second.Map.Values);
        Assert.NotEqual(first.Map.Values, reseeded.Map.Values);
    }
}
