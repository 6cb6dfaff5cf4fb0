using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Tests.Sharding;

public sealed class SettingsDifferencesTests
{
    private static readonly RunSettings Plan = new() { Activations = ["relu", "gelu"], Epochs = 1, TrainLimit = 500 };

    [Fact]
    public void TheShardAndTheThreadsAreNotSettingsOfTheExperiment()
    {
        var first = Plan with { Shard = RunShard.Of(Plan, 1, 2), Threads = 1 };
        var second = Plan with { Shard = RunShard.Of(Plan, 2, 2), Threads = 8 };

        Assert.Empty(SettingsDifferences.Between(first, second));
    }

    [Fact]
    public void EveryDifferingSettingIsNamedAsConfigJsonNamesIt()
    {
        var other = Plan with { Epochs = 2, Dataset = "fashion", TrainLimit = null };

        Assert.Equal(["dataset", "epochs", "train_limit"], SettingsDifferences.Between(Plan, other));
        Assert.Equal("2", SettingsDifferences.ValueOf(other, "epochs"));
        Assert.Equal("\"fashion\"", SettingsDifferences.ValueOf(other, "dataset"));
        Assert.Equal("null", SettingsDifferences.ValueOf(other, "train_limit"));
    }
}
