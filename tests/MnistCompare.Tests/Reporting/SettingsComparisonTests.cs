using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Tests.Reporting;

public sealed class SettingsComparisonTests
{
    private static readonly RunSettings Base = new() { Activations = ["relu"], TrainLimit = 2000, Images = new ImageCounts(2000, 10_000, null) };

    [Fact]
    public void RunsThatDifferOnlyInWhatAMergeCombinesOrWhereTheyRanAreAlike() =>
        Assert.Empty(SettingsComparison.Between(Base, Base with
        {
            Activations = ["gelu"], Seed = 4, Seeds = 3, Threads = 1, Parallel = 2, ThreadsPerTraining = 1, Device = "cuda",
        }));

    [Fact]
    public void EveryOtherDifferenceIsNamedByItsConfigKeyWithBothValues()
    {
        var other = Base with { Epochs = 3, LearningRate = 0.01, TrainLimit = null, Images = new ImageCounts(60_000, 10_000, null) };
        Assert.Equal(
            ["epochs (1 vs 3)", "learning_rate (0.001 vs 0.01)", "train_limit (2000 vs none)",
             "images (train 2000, validation 10000, final_test none vs train 60000, validation 10000, final_test none)"],
            SettingsComparison.Between(Base, other).Select(d => d.ToString()));
    }

    [Fact]
    public void KeysACallerExpectsToDifferCanBeLeftOut() =>
        Assert.Equal(["epochs"], SettingsComparison.Between(Base, Base with { Epochs = 2, LearningRate = 1 }, ignore: [.. SettingsComparison.MergedOrMachineKeys, "learning_rate"]).Select(d => d.Key));

    [Fact]
    public void ImageCountsUnknownToAnOlderRunAreNotADifference() =>
        Assert.Empty(SettingsComparison.Between(Base, Base with { Images = null }));
}
