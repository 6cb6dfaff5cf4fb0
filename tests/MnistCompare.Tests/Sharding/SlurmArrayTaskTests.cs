using MnistCompare.Cli;

namespace MnistCompare.Tests.Sharding;

// --shard slurm: a job-array task's shard from the variables Slurm sets, whatever the array's first id and step.
public sealed class SlurmArrayTaskTests
{
    private static Func<string, string?> Task(long id, long count, long min, long? max = null, long? step = null) => name => name switch
    {
        "SLURM_ARRAY_TASK_ID" => id.ToString(),
        "SLURM_ARRAY_TASK_COUNT" => count.ToString(),
        "SLURM_ARRAY_TASK_MIN" => min.ToString(),
        "SLURM_ARRAY_TASK_MAX" => max?.ToString(),
        "SLURM_ARRAY_TASK_STEP" => step?.ToString(),
        _ => null,
    };

    [Theory]
    [InlineData(0, 4, 0, 3, 1, 1)]   // --array=0-3
    [InlineData(3, 4, 0, 3, 1, 4)]
    [InlineData(1, 3, 1, 3, 1, 1)]   // --array=1-3
    [InlineData(7, 3, 5, 7, 1, 3)]   // --array=5-7
    [InlineData(5, 4, 1, 7, 2, 3)]   // --array=1-7:2 (1, 3, 5, 7)
    public void TheShardIsTheTasksPositionInTheArray(long id, long count, long min, long max, long step, int expected)
    {
        Assert.Equal(new ShardChoice(expected, (int)count), ShardChoice.Parse("slurm", Task(id, count, min, max, step)));
        // Older Slurm versions may not set MAX and STEP.
        if (step == 1) Assert.Equal(new ShardChoice(expected, (int)count), SlurmArrayTask.Shard(Task(id, count, min)));
    }

    [Fact]
    public void OutsideAJobArrayItSaysSo()
    {
        var error = Assert.Throws<FormatException>(() => ShardChoice.Parse("slurm", _ => null));

        Assert.Contains("SLURM_ARRAY_TASK_ID is not set", error.Message);
        Assert.Contains("--shard K/N", error.Message);
    }

    [Fact]
    public void AnArrayOfIdsThatAreNotARangeIsRefused()
    {
        // --array=1,4,9: three tasks, but 4 and 9 have no place among three evenly spaced ids from 1.
        var error = Assert.Throws<FormatException>(() => SlurmArrayTask.Shard(Task(4, 3, 1, 9, 1)));

        Assert.Contains("--array=0-2", error.Message);
    }

    [Theory]
    [InlineData("2/3", 2, 3)]
    [InlineData("1/1", 1, 1)]
    [InlineData("SLURM", 0, 0)]
    public void KOfNIsParsed(string text, int index, int count)
    {
        if (index == 0)
        {
            Assert.Throws<FormatException>(() => ShardChoice.Parse(text, _ => null));
            return;
        }
        Assert.Equal(new ShardChoice(index, count), ShardChoice.Parse(text, _ => null));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("-1/3")]
    public void ABadValueIsNamed(string text) =>
        Assert.StartsWith("--shard: '" + text + "'", Assert.Throws<FormatException>(() => ShardChoice.Parse(text, _ => null)).Message);
}
