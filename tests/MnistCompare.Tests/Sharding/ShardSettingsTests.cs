using MnistCompare.Reporting;
using MnistCompare.Training;

namespace MnistCompare.Tests.Sharding;

public sealed class ShardSettingsTests
{
    private static readonly RunSettings Plan = new() { Activations = ["relu", "gelu"], Epochs = 1, TrainLimit = 500 };

    [Fact]
    public void TheShardAndTheThreadsAreNotSettingsOfTheSweep()
    {
        var first = Plan with { Shard = RunShard.Of(Plan, 1, 2), Threads = 1 };
        var second = Plan with { Shard = RunShard.Of(Plan, 2, 2), Threads = 8 };

        Assert.Empty(SettingsComparison.Between(first, second, SettingsComparison.ShardOrMachineKeys));
    }

    [Fact]
    public void EveryDifferingSettingIsNamedAsConfigJsonNamesIt()
    {
        var other = Plan with { Epochs = 2, Dataset = "fashion", TrainLimit = null };

        Assert.Equal(["dataset (mnist vs fashion)", "epochs (1 vs 2)", "train_limit (500 vs none)"],
            SettingsComparison.Between(Plan, other, SettingsComparison.ShardOrMachineKeys).Select(d => d.ToString()).Order());
    }
}
