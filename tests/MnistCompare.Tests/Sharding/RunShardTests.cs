using MnistCompare.Training;

namespace MnistCompare.Tests.Sharding;

// compare --shard K/N: the shards of one plan, for any N, are a partition of its activation × seed pairs.
public sealed class RunShardTests
{
    private static readonly RunSettings Plan = new() { Activations = ["relu", "gelu", "elu"], Seeds = 2, Seed = 7 };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(13)]
    public void TheShardsOfAnyCountPartitionThePlan(int count)
    {
        var shards = Enumerable.Range(1, count).Select(k => RunShard.Of(Plan, k, count)).ToList();
        var dealt = shards.SelectMany(s => s.Pairs.Select(p => (p.Activation, p.Seed))).ToList();

        // None twice, none lost.
        Assert.Equal(dealt.Count, dealt.Distinct().Count());
        Assert.Equal(Plan.PlanPairs().OrderBy(p => p.Activation).ThenBy(p => p.Seed), dealt.OrderBy(p => p.Activation).ThenBy(p => p.Seed));
        // Round-robin in the plan's order; every shard lists its pairs in that order; shards beyond the plan are empty.
        for (var k = 1; k <= count; k++)
        {
            var expected = Plan.PlanPairs().Where((_, i) => i % count == k - 1).ToList();
            Assert.Equal(expected, shards[k - 1].Pairs.Select(p => (p.Activation, p.Seed)));
            Assert.Equal(k > Plan.PlanPairs().Count, shards[k - 1].Pairs.Count == 0);
        }
    }

    [Fact]
    public void DealingSpreadsTheSeedsOfAnActivationOverTheShards()
    {
        var first = RunShard.Of(Plan, 1, 2);

        Assert.Equal([("relu", 7L), ("gelu", 7L), ("elu", 7L)], first.Pairs.Select(p => (p.Activation, p.Seed)));
        Assert.Equal(first.Pairs, (Plan with { Shard = first }).Pairs().Select(p => new PlannedPair { Activation = p.Activation, Seed = p.Seed }));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    [InlineData(1, 0)]
    public void AnIndexOutsideTheCountIsRefused(int index, int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RunShard.Of(Plan, index, count));
}
